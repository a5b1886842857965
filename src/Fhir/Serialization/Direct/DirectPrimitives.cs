using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using ElementDateTime = Hl7.Fhir.ElementModel.Types.DateTime;

namespace ClinicalAgent.Fhir.Serialization.Direct;

/// <summary>
/// Primitive values for the direct readers, each the next token of the reader. Every check is Firely's own
/// (<c>IsValidValue</c> of the type, its literal table for codes) or stricter: a value that fails it makes the whole
/// resource go to Firely's strict parser, which then names the problem.
/// </summary>
internal static class DirectPrimitives
{
    // Longer strings go to Firely: its strict mode has length rules of its own that this reader does not repeat.
    private const int MaxStringBytes = 4096;

    // A decimal of more digits than this, or with an exponent, goes to Firely, which normalises or refuses it.
    private const int MaxNumberBytes = 20;

    /// <summary>A FHIR <c>string</c>: a JSON string, not empty.</summary>
    public static bool TryString(ref Utf8JsonReader reader, [NotNullWhen(true)] out string? value)
    {
        value = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.String || reader.ValueSpan.Length is 0 or > MaxStringBytes)
            return false;
        value = reader.GetString()!;
        return FhirString.IsValidValue(value);
    }

    /// <summary>A FHIR <c>code</c>: no leading, trailing or doubled whitespace.</summary>
    public static bool TryCode(ref Utf8JsonReader reader, [NotNullWhen(true)] out string? value) =>
        TryString(ref reader, out value) && Code.IsValidValue(value);

    /// <summary>A FHIR <c>uri</c>.</summary>
    public static bool TryUri(ref Utf8JsonReader reader, [NotNullWhen(true)] out string? value) =>
        TryString(ref reader, out value) && FhirUri.IsValidValue(value);

    /// <summary>A FHIR <c>id</c>.</summary>
    public static bool TryId(ref Utf8JsonReader reader, [NotNullWhen(true)] out string? value) =>
        TryString(ref reader, out value) && Id.IsValidValue(value);

    /// <summary>A FHIR <c>dateTime</c> that is also a date of the calendar (the pattern alone allows 2024-02-30).</summary>
    public static bool TryDateTime(ref Utf8JsonReader reader, [NotNullWhen(true)] out string? value) =>
        TryString(ref reader, out value) && FhirDateTime.IsValidValue(value) && ElementDateTime.TryParse(value, out _);

    /// <summary>A FHIR <c>instant</c>, a date of the calendar too.</summary>
    public static bool TryInstant(ref Utf8JsonReader reader, [NotNullWhen(true)] out string? value) =>
        TryString(ref reader, out value) && Instant.IsValidValue(value) && ElementDateTime.TryParse(value, out _);

    /// <summary>A code of a required binding: one of the enum's literals, spelled exactly.</summary>
    public static bool TryEnum<T>(ref Utf8JsonReader reader, [NotNullWhen(true)] out Code<T>? value)
        where T : struct, Enum
    {
        value = null;
        if (!TryCode(ref reader, out var literal) || EnumUtility.ParseLiteral<T>(literal) is not { } parsed || EnumUtility.GetLiteral(parsed) != literal)
            return false;
        value = new Code<T>(parsed);
        return true;
    }

    /// <summary>A FHIR <c>decimal</c>: a JSON number without an exponent, its scale kept (4.10 stays 4.10).</summary>
    public static bool TryDecimal(ref Utf8JsonReader reader, out decimal value)
    {
        value = 0;
        if (!reader.Read() || reader.TokenType != JsonTokenType.Number || reader.HasValueSequence || reader.ValueSpan.Length > MaxNumberBytes
            || reader.ValueSpan.IndexOfAny((byte)'e', (byte)'E') >= 0)
            return false;
        return reader.TryGetDecimal(out value);
    }
}
