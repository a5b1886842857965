namespace ClinicalAgent.Imaging.Dicom;

/// <summary>Text from a file made safe for a one-line message: control characters replaced, at most 64 characters.</summary>
internal static class Printable
{
    public static string Of(string text)
    {
        var chars = text.Select(c => char.IsControl(c) ? '?' : c).Take(64).ToArray();
        return new string(chars) + (text.Length > 64 ? "…" : "");
    }
}
