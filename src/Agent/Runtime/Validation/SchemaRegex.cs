using System.Text.Json;
using System.Text.RegularExpressions;

namespace ClinicalAgent.Agent.Runtime.Validation;

/// <summary>Small readers shared by the keyword checks: regex matching with a timeout, and counts.</summary>
internal static class SchemaRegex
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(200);

    /// <summary>Whether <paramref name="text"/> matches; a pattern .NET cannot read is the schema's fault, not the
    /// call's, so it matches; a match that runs too long does not.</summary>
    public static bool IsMatch(string pattern, string text)
    {
        try
        {
            return Regex.IsMatch(text, pattern, RegexOptions.None, Timeout);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    /// <summary>A non-negative integer keyword such as <c>maxItems</c>, or null.</summary>
    public static int? Count(JsonElement schema, string keyword) =>
        schema.TryGetProperty(keyword, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var count) ? count : null;
}
