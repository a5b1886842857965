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

    /// <summary>The id from <c>Type/id</c> or a bare id.</summary>
    public static string? IdOf(ResourceReference? reference) =>
        reference?.Reference is { } text ? text[(text.LastIndexOf('/') + 1)..] : null;
}
