using System.Globalization;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Tools.Formatting;

/// <summary>Short, human words for FHIR values: what a small model reads best.</summary>
internal static class FhirText
{
    /// <summary>The concept's text, else its first coding's display, else its code.</summary>
    public static string? Name(CodeableConcept? concept) =>
        concept is null ? null
        : !string.IsNullOrWhiteSpace(concept.Text) ? concept.Text
        : concept.Coding.Select(c => c.Display).FirstOrDefault(d => !string.IsNullOrWhiteSpace(d))
          ?? concept.Coding.Select(c => c.Code).FirstOrDefault(c => !string.IsNullOrWhiteSpace(c));

    /// <summary>The first coding's code, or null.</summary>
    public static string? Code(CodeableConcept? concept) =>
        concept?.Coding.Select(c => c.Code).FirstOrDefault(c => !string.IsNullOrWhiteSpace(c));

    /// <summary>The first code of a CodeableConcept status (<c>active</c>, <c>resolved</c>).</summary>
    public static string? Status(CodeableConcept? concept) => Code(concept);

    /// <summary>The date or start of a choice-of-time element (dateTime, Period, Instant, string).</summary>
    public static string? When(DataType? value) => value switch
    {
        FhirDateTime dateTime => dateTime.Value,
        Date date => date.Value,
        Instant instant => Moment(instant.Value),
        Period period => period.Start ?? period.End,
        FhirString text => text.Value,
        _ => null,
    };

    /// <summary>The moment a FHIR date-time string names, or null when it has none.</summary>
    public static DateTimeOffset? Parse(string? text) =>
        text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment)
            ? moment : null;

    public static string? Moment(DateTimeOffset? moment) =>
        moment?.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>A value and its unit; blood pressure components as <c>120/80</c>.</summary>
    public static (string? Value, string? Unit) Value(DataType? value, IEnumerable<Observation.ComponentComponent>? components = null)
    {
        switch (value)
        {
            case Quantity quantity:
                return (Number(quantity.Value), quantity.Unit ?? quantity.Code);
            case CodeableConcept concept:
                return (Name(concept), null);
            case FhirString text:
                return (text.Value, null);
            case FhirBoolean flag:
                return (flag.Value is true ? "yes" : "no", null);
            case Integer integer:
                return (integer.Value?.ToString(CultureInfo.InvariantCulture), null);
            case null when components is not null:
                var parts = components.Select(c => c.Value).OfType<Quantity>().ToList();
                return parts.Count == 0
                    ? (null, null)
                    : (string.Join("/", parts.Select(p => Number(p.Value))), parts[0].Unit ?? parts[0].Code);
            default:
                return (value?.ToString(), null);
        }
    }

    /// <summary>The id from <c>Type/id</c> or a bare id.</summary>
    public static string? IdOf(ResourceReference? reference) =>
        reference?.Reference is { } text ? text[(text.LastIndexOf('/') + 1)..] : null;

    private static string? Number(decimal? value) => value?.ToString("0.####", CultureInfo.InvariantCulture);
}
