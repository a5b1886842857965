using System.Text.Json;
using ClinicalAgent.Fhir.Search;

namespace ClinicalAgent.Bench.Store;

/// <summary>
/// FHIR search matching done by hand on the JSON, with the store's own rules (date ranges, string prefixes), so
/// the naive answer is the same answer and only the way of finding it differs.
/// </summary>
public static class NaiveFilters
{
    public static string? Id(JsonElement resource) =>
        resource.TryGetProperty("id", out var id) ? id.GetString() : null;

    /// <summary><paramref name="property"/>.reference equals <paramref name="reference"/> (e.g. subject = Patient/S1).</summary>
    public static bool ReferenceIs(JsonElement resource, string property, string reference) =>
        resource.TryGetProperty(property, out var value)
        && value.TryGetProperty("reference", out var text)
        && text.ValueEquals(reference);

    /// <summary>A coding under <paramref name="property"/> (one CodeableConcept or an array of them) has the code, and the system when given.</summary>
    public static bool HasCoding(JsonElement resource, string property, string? system, string code)
    {
        if (!resource.TryGetProperty(property, out var value))
        {
            return false;
        }

        if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var concept in value.EnumerateArray())
            {
                if (ConceptHas(concept, system, code))
                {
                    return true;
                }
            }

            return false;
        }

        return ConceptHas(value, system, code);
    }

    /// <summary>The instants Observation.effective[x] stands for, or null when it has none.</summary>
    public static FhirDateRange? Effective(JsonElement resource)
    {
        if (resource.TryGetProperty("effectiveDateTime", out var dateTime) || resource.TryGetProperty("effectiveInstant", out dateTime))
        {
            return FhirDateRange.TryParse(dateTime.GetString(), out var range) ? range : null;
        }

        if (resource.TryGetProperty("effectivePeriod", out var period))
        {
            var low = period.TryGetProperty("start", out var start) && FhirDateRange.TryParse(start.GetString(), out var s) ? s.Low : long.MinValue;
            var high = period.TryGetProperty("end", out var end) && FhirDateRange.TryParse(end.GetString(), out var e) ? e.High : long.MaxValue;
            return new FhirDateRange(low, high);
        }

        return null;
    }

    /// <summary><c>ge</c> as the store reads it: the value reaches past the search range, or lies within it.</summary>
    public static bool Ge(FhirDateRange? value, FhirDateRange search) =>
        value is { } v && (v.High > search.High || Within(v, search));

    /// <summary><c>lt</c> as the store reads it: the value starts before the search range.</summary>
    public static bool Lt(FhirDateRange? value, FhirDateRange search) => value is { } v && v.Low < search.Low;

    /// <summary><c>eq</c> (no prefix): the value lies within the search range.</summary>
    public static bool Eq(FhirDateRange? value, FhirDateRange search) => value is { } v && Within(v, search);

    /// <summary>Some name's family starts with the prefix, compared as the store normalizes strings.</summary>
    public static bool FamilyStartsWith(JsonElement patient, string normalizedPrefix)
    {
        if (!patient.TryGetProperty("name", out var names))
        {
            return false;
        }

        foreach (var name in names.EnumerateArray())
        {
            if (name.TryGetProperty("family", out var family)
                && SearchText.Normalize(family.GetString() ?? "").StartsWith(normalizedPrefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public static FhirDateRange? BirthDate(JsonElement patient) =>
        patient.TryGetProperty("birthDate", out var text) && FhirDateRange.TryParse(text.GetString(), out var range) ? range : null;

    public static FhirDateRange Day(string text) =>
        FhirDateRange.TryParse(text, out var range) ? range : throw new ArgumentException($"Not a date: {text}", nameof(text));

    private static bool Within(FhirDateRange value, FhirDateRange search) => value.Low >= search.Low && value.High <= search.High;

    private static bool ConceptHas(JsonElement concept, string? system, string code)
    {
        if (!concept.TryGetProperty("coding", out var codings))
        {
            return false;
        }

        foreach (var coding in codings.EnumerateArray())
        {
            if (coding.TryGetProperty("code", out var c) && c.ValueEquals(code)
                && (system is null || (coding.TryGetProperty("system", out var s) && s.ValueEquals(system))))
            {
                return true;
            }
        }

        return false;
    }
}
