namespace ClinicalAgent.Imaging.Rendering;

/// <summary>
/// The VOI transform (PS3.3 C.11.2.1.2) from modality values to 8-bit display values: LINEAR (the default),
/// LINEAR_EXACT or SIGMOID, on a centre and width.
/// </summary>
internal sealed record VoiWindow(double Center, double Width, string Function)
{
    /// <summary>
    /// The window when the file has none: the frame's minimum to maximum, as dcmtk's min-max window (<c>dcm2pnm +Wm</c>)
    /// chooses it, so the darkest value is black and the brightest white whatever the modality.
    /// </summary>
    public static VoiWindow MinMax(double min, double max) => new((min + max + 1) / 2, max - min + 1, "LINEAR");

    public byte Apply(double x)
    {
        double y;
        switch (Function)
        {
            case "LINEAR_EXACT":
                if (x <= Center - (Width / 2))
                    return 0;
                if (x > Center + (Width / 2))
                    return 255;
                y = (x - (Center - (Width / 2))) * 255 / Width;
                break;
            case "SIGMOID":
                y = 255 / (1 + Math.Exp(-4 * (x - Center) / Width));
                break;
            default:
                // LINEAR, and any function this reader does not know: the standard's default.
                var low = Center - 0.5 - ((Width - 1) / 2);
                var high = Center - 0.5 + ((Width - 1) / 2);
                if (x <= low)
                    return 0;
                if (x > high)
                    return 255;
                // The standard's ((x − (c − 0.5)) / (w − 1) + 0.5) × 255, written from the low border so that integer
                // windows give exact integers before truncation.
                y = (x - low) * 255 / (Width - 1);
                break;
        }

        // Truncated, not rounded, as dcmtk does, so our pixels equal dcm2pnm's for the same window.
        return (byte)Math.Clamp(Math.Floor(y), 0, 255);
    }
}
