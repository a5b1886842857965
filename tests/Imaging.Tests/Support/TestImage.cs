using System.Globalization;
using System.Text;

namespace ClinicalAgent.Imaging.Tests.Support;

/// <summary>
/// What a test DICOM file holds: pixel attributes written into a dcmdump-format text that dcmtk's dump2dcm turns into
/// a DICOM file, the pixels loaded from a raw file beside it.
/// </summary>
internal sealed record TestImage(int Width, int Height, int Samples, string Photometric, int BitsAllocated, int BitsStored, bool Signed, byte[] Pixels)
{
    public int Frames { get; init; } = 1;

    public bool Planar { get; init; }

    public double? Intercept { get; init; }

    public double? Slope { get; init; }

    public (double Center, double Width)? Window { get; init; }

    public string Modality { get; init; } = "OT";

    public string PatientId { get; init; } = "P123";

    public string StudyUid { get; init; } = "1.2.826.0.1.3680043.9.7433.1";

    public string SeriesUid { get; init; } = "1.2.826.0.1.3680043.9.7433.1.2";

    public string SopUid { get; init; } = "1.2.826.0.1.3680043.9.7433.1.2.3";

    public int SeriesNumber { get; init; } = 1;

    public int InstanceNumber { get; init; } = 1;

    /// <summary>Extra dump lines (a sequence, say).</summary>
    public string Extra { get; init; } = "";

    /// <summary>A CT-like slice: 16-bit signed stored values in Hounsfield units (slope 1, intercept 0), a body disc with a bright spine.</summary>
    public static TestImage Ct(int width = 96, int height = 80, int frames = 1)
    {
        var pixels = new byte[width * height * 2 * frames];
        for (var f = 0; f < frames; f++)
        {
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    double dx = (x - (width / 2.0)) / (width / 2.5), dy = (y - (height / 2.0)) / (height / 2.5);
                    var inside = (dx * dx) + (dy * dy) < 1;
                    // Stored values are Hounsfield units (signed): air −1024, soft tissue near 40, a bright spine.
                    var value = inside ? 40 + (((x * 7) + (y * 3) + (f * 50)) % 120) - 60 : -1024;
                    if (inside && Math.Abs(dx) < 0.15 && dy > 0.4)
                        value = 900 + (f * 10);
                    var at = (((f * height) + y) * width + x) * 2;
                    pixels[at] = (byte)value;
                    pixels[at + 1] = (byte)(value >> 8);
                }
            }
        }

        return new TestImage(width, height, 1, "MONOCHROME2", 16, 16, true, pixels) { Frames = frames, Modality = "CT", Slope = 1, Intercept = 0 };
    }

    /// <summary>An 8-bit gray gradient with a few hard edges (JPEG's hardest case).</summary>
    public static TestImage Gray8(int width = 72, int height = 56, int frames = 1, string photometric = "MONOCHROME2")
    {
        var pixels = new byte[width * height * frames];
        for (var f = 0; f < frames; f++)
            for (var y = 0; y < height; y++)
                for (var x = 0; x < width; x++)
                    pixels[(f * width * height) + (y * width) + x] = (byte)(((x * 3) + (y * 2) + (f * 40) + ((x / 16 + y / 16) % 2 == 0 ? 0 : 60)) % 256);
        return new TestImage(width, height, 1, photometric, 8, 8, false, pixels) { Frames = frames };
    }

    /// <summary>A 12-bit image in 16-bit words (JPEG extended's case), bits above 12 left zero.</summary>
    public static TestImage Gray12(int width = 64, int height = 48)
    {
        var pixels = new byte[width * height * 2];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var v = ((x * 61) + (y * 37)) % 4096;
                pixels[((y * width) + x) * 2] = (byte)v;
                pixels[(((y * width) + x) * 2) + 1] = (byte)(v >> 8);
            }
        }

        return new TestImage(width, height, 1, "MONOCHROME2", 16, 12, false, pixels);
    }

    /// <summary>Smooth RGB colour fields, interleaved or planar.</summary>
    public static TestImage Rgb(int width = 64, int height = 48, bool planar = false, string photometric = "RGB")
    {
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var rgb = new[] { (byte)(x * 4), (byte)(y * 5), (byte)((x + y) * 2) };
                for (var c = 0; c < 3; c++)
                    pixels[planar ? (c * width * height) + (y * width) + x : (((y * width) + x) * 3) + c] = rgb[c];
            }
        }

        return new TestImage(width, height, 3, photometric, 8, 8, false, pixels) { Planar = planar };
    }

    /// <summary>The dump2dcm text for this image; the pixels are read from <paramref name="rawFile"/>.</summary>
    public string Dump(string rawFile)
    {
        var s = new StringBuilder();
        void Line(string tag, string vr, string value) => s.Append(CultureInfo.InvariantCulture, $"({tag}) {vr} {value}\n");
        Line("0008,0016", "UI", Modality == "CT" ? "=CTImageStorage" : "=SecondaryCaptureImageStorage");
        Line("0008,0018", "UI", SopUid);
        Line("0008,0020", "DA", "[20240305]");
        Line("0008,0030", "TM", "[101530]");
        Line("0008,0060", "CS", $"[{Modality}]");
        Line("0010,0010", "PN", "[Doe^Jane]");
        Line("0010,0020", "LO", $"[{PatientId}]");
        Line("0018,0015", "CS", "[CHEST]");
        Line("0020,000d", "UI", StudyUid);
        Line("0020,000e", "UI", SeriesUid);
        Line("0020,0011", "IS", $"[{SeriesNumber}]");
        Line("0020,0013", "IS", $"[{InstanceNumber}]");
        Line("0028,0002", "US", Samples.ToString(CultureInfo.InvariantCulture));
        Line("0028,0004", "CS", $"[{Photometric}]");
        if (Samples == 3)
            Line("0028,0006", "US", Planar ? "1" : "0");
        if (Frames > 1)
            Line("0028,0008", "IS", $"[{Frames}]");
        Line("0028,0010", "US", Height.ToString(CultureInfo.InvariantCulture));
        Line("0028,0011", "US", Width.ToString(CultureInfo.InvariantCulture));
        Line("0028,0100", "US", BitsAllocated.ToString(CultureInfo.InvariantCulture));
        Line("0028,0101", "US", BitsStored.ToString(CultureInfo.InvariantCulture));
        Line("0028,0102", "US", (BitsStored - 1).ToString(CultureInfo.InvariantCulture));
        Line("0028,0103", "US", Signed ? "1" : "0");
        if (Window is { } w)
        {
            Line("0028,1050", "DS", $"[{w.Center.ToString(CultureInfo.InvariantCulture)}]");
            Line("0028,1051", "DS", $"[{w.Width.ToString(CultureInfo.InvariantCulture)}]");
        }

        if (Intercept is { } intercept)
            Line("0028,1052", "DS", $"[{intercept.ToString(CultureInfo.InvariantCulture)}]");
        if (Slope is { } slope)
            Line("0028,1053", "DS", $"[{slope.ToString(CultureInfo.InvariantCulture)}]");
        s.Append(Extra);
        Line("7fe0,0010", BitsAllocated == 8 ? "OB" : "OW", "=" + rawFile);
        return s.ToString();
    }
}
