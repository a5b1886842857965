using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ClinicalAgent.Evaluation.Grading;

/// <summary>Reads the parts of a FHIR JSON payload the graders check, tolerating the shapes R4 allows.</summary>
internal static partial class Payload
{
    public const string Ndc = "http://hl7.org/fhir/sid/ndc", Loinc = "http://loinc.org", Snomed = "http://snomed.info/sct";

    /// <summary>The property at a dotted path (<c>subject.reference</c>); arrays step into their first item.</summary>
    public static JsonElement? At(JsonElement element, string path)
    {
        var current = element;
        foreach (var name in path.Split('.'))
        {
            if (current.ValueKind == JsonValueKind.Array)
                current = current.GetArrayLength() > 0 ? current[0] : default;
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out var next))
                return null;
            current = next;
        }

        return current.ValueKind == JsonValueKind.Array && current.GetArrayLength() > 0 ? current[0] : current;
    }

    public static string? Text(JsonElement element, string path) =>
        At(element, path) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static decimal? Number(JsonElement element, string path) => At(element, path) switch
    {
        { ValueKind: JsonValueKind.Number } n => n.GetDecimal(),
        { ValueKind: JsonValueKind.String } s when decimal.TryParse(s.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    /// <summary>Whether the CodeableConcept at <paramref name="path"/> has a coding with this system and code.</summary>
    public static bool HasCoding(JsonElement element, string path, string system, string code) =>
        Codings(element, path).Any(c => c.System == system && c.Code == code);

    public static IEnumerable<(string? System, string? Code, string? Display)> Codings(JsonElement element, string path)
    {
        foreach (var concept in All(element, path))
        {
            if (concept.ValueKind == JsonValueKind.Object && concept.TryGetProperty("coding", out var codings) && codings.ValueKind == JsonValueKind.Array)
            {
                foreach (var coding in codings.EnumerateArray())
                    yield return (Text(coding, "system"), Text(coding, "code"), Text(coding, "display"));
            }
        }
    }

    /// <summary>Every value at a one-level path, whether the property holds one item or a list.</summary>
    public static IEnumerable<JsonElement> All(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
            yield break;
        if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
                yield return item;
        }
        else
        {
            yield return value;
        }
    }

    /// <summary>Whether the date-time text is the same instant as <paramref name="expected"/>.</summary>
    public static bool SameInstant(string? text, DateTimeOffset expected) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) && value == expected;

    /// <summary>A quantity from <c>doseAndRate[0].{name}</c>, else the first "number unit" in the dosage text.</summary>
    public static (decimal Value, string Unit)? Dose(JsonElement dosage, string quantity, Regex textPattern)
    {
        if (Number(dosage, $"doseAndRate.{quantity}.value") is { } value)
            return (value, Text(dosage, $"doseAndRate.{quantity}.unit") ?? Text(dosage, $"doseAndRate.{quantity}.code") ?? "");
        var match = textPattern.Match(Text(dosage, "text") ?? "");
        return match.Success ? (decimal.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value) : null;
    }

    /// <summary>The route as words: its text and every coding's code and display.</summary>
    public static IEnumerable<string> RouteWords(JsonElement dosage)
    {
        if (Text(dosage, "route.text") is { } text)
            yield return text.Trim().ToLowerInvariant();
        foreach (var (_, code, display) in Codings(dosage, "route"))
        {
            if (code is not null)
                yield return code.Trim().ToLowerInvariant();
            if (display is not null)
                yield return display.Trim().ToLowerInvariant();
        }
    }

    [GeneratedRegex(@"(\d+(?:\.\d+)?)\s*(g|grams?|meq)\b", RegexOptions.IgnoreCase)]
    public static partial Regex DoseText();

    [GeneratedRegex(@"over\s*(\d+(?:\.\d+)?)\s*(h|hrs?|hours?)\b", RegexOptions.IgnoreCase)]
    public static partial Regex RateText();
}
