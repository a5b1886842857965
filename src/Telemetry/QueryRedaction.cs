using System.Text;
using System.Text.RegularExpressions;

namespace ClinicalAgent.Telemetry;

/// <summary>
/// Removes the values of URL query strings: FHIR searches carry names, birth dates and identifiers in them
/// (<c>Patient?name=…&amp;birthdate=…</c>). Parameter names stay, so a trace still says what kind of search it was.
/// </summary>
internal static partial class QueryRedaction
{
    /// <summary>What replaces each value (the word the OpenTelemetry instrumentations use).</summary>
    public const string Redacted = "Redacted";

    /// <summary>A URL or path with its query values replaced; its fragment dropped. Null stays null.</summary>
    public static string? RedactUrl(string? url)
    {
        if (string.IsNullOrEmpty(url))
            return url;
        var hash = url.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
            url = url[..hash];
        var question = url.IndexOf('?', StringComparison.Ordinal);
        return question < 0 ? url : url[..(question + 1)] + RedactQuery(url[(question + 1)..]);
    }

    /// <summary>A query string (with or without its <c>?</c>) with every value replaced by <see cref="Redacted"/>.</summary>
    public static string RedactQuery(string query)
    {
        var leading = query.StartsWith('?');
        var pairs = (leading ? query[1..] : query).Split('&', StringSplitOptions.RemoveEmptyEntries);
        var sb = new StringBuilder(query.Length);
        if (leading)
            sb.Append('?');
        for (var i = 0; i < pairs.Length; i++)
        {
            if (i > 0)
                sb.Append('&');
            var eq = pairs[i].IndexOf('=', StringComparison.Ordinal);
            // A bare word (?Smith) is a value, not a name; a name that is not a plain token may be one too.
            var name = eq < 0 ? null : pairs[i][..eq];
            sb.Append(name is not null && PlainName().IsMatch(name) ? name + "=" + Redacted : Redacted);
        }

        return sb.ToString();
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.:\-]{0,63}$")]
    private static partial Regex PlainName();
}
