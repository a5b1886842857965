namespace ClinicalAgent.Imaging.Dicom;

/// <summary>Value representations (PS3.5 6.2): which have the long explicit header, and which are text.</summary>
internal static class DicomVr
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "AE", "AS", "AT", "CS", "DA", "DS", "DT", "FD", "FL", "IS", "LO", "LT", "OB", "OD", "OF", "OL", "OV", "OW", "PN",
        "SH", "SL", "SQ", "SS", "ST", "SV", "TM", "UC", "UI", "UL", "UN", "UR", "US", "UT", "UV",
    };

    private static readonly HashSet<string> LongLength = new(StringComparer.Ordinal)
    {
        "OB", "OD", "OF", "OL", "OV", "OW", "SQ", "UN", "UC", "UR", "UT", "SV", "UV",
    };

    public static bool IsKnown(string vr) => Known.Contains(vr);

    public static bool HasLongLength(string vr) => LongLength.Contains(vr);

    /// <summary>Two upper-case ASCII letters that name a VR: how an explicit-VR stream without meta header is told apart.</summary>
    public static bool IsKnown(ReadOnlySpan<byte> two) =>
        two.Length >= 2 && two[0] is >= (byte)'A' and <= (byte)'Z' && two[1] is >= (byte)'A' and <= (byte)'Z'
        && Known.Contains(string.Create(2, (two[0], two[1]), static (s, b) => { s[0] = (char)b.Item1; s[1] = (char)b.Item2; }));
}
