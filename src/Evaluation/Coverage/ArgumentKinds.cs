using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClinicalAgent.Fhir.Terminology;

namespace ClinicalAgent.Evaluation.Coverage;

/// <summary>
/// The argument-kind dimension: which argument shapes a call uses, as features joined by <c>+</c> in a fixed order —
/// how the patient is named (<c>mrn</c>, <c>name+birthdate</c>, <c>name</c>, <c>patient_id</c>), the code's form
/// (<c>code:token</c> a LOINC <c>system|code</c>, <c>code:local</c> another system's <c>system|code</c>,
/// <c>code:loinc</c> a bare LOINC code, <c>code:other</c> another number such as an NDC or SNOMED code,
/// <c>code:name</c> a word), a date window (<c>window</c>: since/until/date), a count (<c>count</c>: latest only, a limit
/// or <c>_count</c>) and a time for an order (<c>when</c>). Other arguments (a dose, a note) do not change the kind;
/// a call with none of these features is <c>none</c>, a protocol POST <c>body</c>.
/// </summary>
internal static partial class ArgumentKinds
{
    /// <summary>The kind of a call without any of the features.</summary>
    public const string None = "none";

    /// <summary>The kind of a protocol POST (its body is a FHIR resource, not arguments).</summary>
    public const string Body = "body";

    /// <summary>The kind of a tool call whose arguments are a JSON object (as <c>BenchStep.Arguments</c> holds them).</summary>
    public static string OfJson(string? arguments)
    {
        if (string.IsNullOrWhiteSpace(arguments))
            return None;
        try
        {
            using var document = JsonDocument.Parse(arguments);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return None;
            return Of(document.RootElement.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, Text(p.Value))));
        }
        catch (JsonException)
        {
            return None;
        }
    }

    /// <summary>The kind of a protocol GET, from its URL's query (<c>identifier</c> is the MRN, <c>date</c> the window).</summary>
    public static string OfQuery(string url)
    {
        var query = url.IndexOf('?', StringComparison.Ordinal) is var q and >= 0 ? url[(q + 1)..] : "";
        var pairs = query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2))
            .Select(p => KeyValuePair.Create(Uri.UnescapeDataString(p[0]) switch
            {
                "identifier" => "mrn",
                "patient" or "subject" => "patient_id",
                "date" => "since",
                "_count" => "limit",
                var name => name,
            }, p.Length > 1 ? (string?)Uri.UnescapeDataString(p[1]) : ""));
        return Of(pairs);
    }

    /// <summary>The kind of a call with these arguments (values as text; <c>true</c>/<c>false</c> for booleans).</summary>
    public static string Of(IEnumerable<KeyValuePair<string, string?>> arguments)
    {
        var given = arguments.Where(a => !string.IsNullOrWhiteSpace(a.Value)).GroupBy(a => a.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Value!, StringComparer.Ordinal);
        var features = new List<string>();
        var named = given.ContainsKey("given") || given.ContainsKey("family") || given.ContainsKey("name");
        if (given.ContainsKey("mrn"))
            features.Add("mrn");
        else if (named && given.ContainsKey("birthdate"))
            features.Add("name+birthdate");
        else if (named)
            features.Add("name");
        else if (given.ContainsKey("patient_id"))
            features.Add("patient_id");
        if (given.TryGetValue("code", out var code))
            features.Add("code:" + CodeForm(code));
        if (given.ContainsKey("since") || given.ContainsKey("until"))
            features.Add("window");
        if (given.ContainsKey("limit") || (given.TryGetValue("latest_only", out var latest) && latest.Equals("true", StringComparison.OrdinalIgnoreCase)))
            features.Add("count");
        if (given.ContainsKey("occurrence"))
            features.Add("when");
        return features.Count == 0 ? None : string.Join("+", features);
    }

    /// <summary>The form of a code argument, read from its first code when several are given.</summary>
    public static string CodeForm(string code)
    {
        var first = code.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        if (first.Contains('|', StringComparison.Ordinal))
            return first.StartsWith(Analytes.LoincSystem + "|", StringComparison.Ordinal) ? "token" : "local";
        if (LoincPattern().IsMatch(first))
            return "loinc";
        return NumberPattern().IsMatch(first) ? "other" : "name";
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.Number => value.GetRawText(),
        _ => value.GetRawText(),
    };

    [GeneratedRegex("^[0-9]{1,7}-[0-9]$")]
    private static partial Regex LoincPattern();

    [GeneratedRegex("^[0-9][0-9-]*$")]
    private static partial Regex NumberPattern();

    /// <summary>A call's arguments as text, for <see cref="Of"/>.</summary>
    internal static IEnumerable<KeyValuePair<string, string?>> AsText(IEnumerable<KeyValuePair<string, object?>> arguments) =>
        arguments.Select(a => KeyValuePair.Create(a.Key, a.Value switch
        {
            null => null,
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            var v => v.ToString(),
        }));
}
