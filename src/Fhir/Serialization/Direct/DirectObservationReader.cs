using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Hl7.Fhir.Model;
using static ClinicalAgent.Fhir.Serialization.Direct.DirectDataTypes;

namespace ClinicalAgent.Fhir.Serialization.Direct;

/// <summary>
/// Reads an Observation of the common shape (a lab result or vital sign as exports and the generator write them) straight
/// into Firely's classes, about four times faster than its strict parser (see ADR 0001's addendum of 2026-12-04, second).
/// It accepts only what it knows Firely's strict parser accepts and gives the same object: <c>resourceType</c> first,
/// the elements below, each once, every value checked as <see cref="DirectPrimitives"/> says, the required ones present.
/// On anything else (another element, an extension, a <c>_</c> twin, <c>null</c>, a malformed document) it declines,
/// and the caller parses with Firely, which accepts or names the problem as before.
/// </summary>
internal static class DirectObservationReader
{
    /// <summary>The Observation in <paramref name="utf8Json"/> (no byte order mark), or false to leave it to Firely.</summary>
    public static bool TryRead(ReadOnlySpan<byte> utf8Json, [NotNullWhen(true)] out Observation? observation)
    {
        observation = null;
        try
        {
            var reader = new Utf8JsonReader(utf8Json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject
                || !reader.Read() || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("resourceType"u8)
                || !reader.Read() || reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals("Observation"u8)
                || !TryElements(ref reader, out var result))
                return false;

            // Only whitespace may follow the resource; anything else throws.
            if (reader.Read())
                return false;
            observation = result;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool TryElements(ref Utf8JsonReader reader, [NotNullWhen(true)] out Observation? observation)
    {
        observation = null;
        var result = new Observation();
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                if (!Once(ref seen, 1) || !DirectPrimitives.TryId(ref reader, out var id))
                    return false;
                result.IdElement = new Id(id);
            }
            else if (reader.ValueTextEquals("status"u8))
            {
                if (!Once(ref seen, 2) || !DirectPrimitives.TryEnum<ObservationStatus>(ref reader, out var status))
                    return false;
                result.StatusElement = status;
            }
            else if (reader.ValueTextEquals("category"u8))
            {
                if (!Once(ref seen, 4) || !TryArray<CodeableConcept>(ref reader, TryCodeableConcept, out var category))
                    return false;
                result.Category = category;
            }
            else if (reader.ValueTextEquals("code"u8))
            {
                if (!Once(ref seen, 8) || !TryCodeableConcept(ref reader, out var code))
                    return false;
                result.Code = code;
            }
            else if (reader.ValueTextEquals("subject"u8))
            {
                if (!Once(ref seen, 16) || !TryReference(ref reader, out var subject))
                    return false;
                result.Subject = subject;
            }
            else if (reader.ValueTextEquals("encounter"u8))
            {
                if (!Once(ref seen, 32) || !TryReference(ref reader, out var encounter))
                    return false;
                result.Encounter = encounter;
            }
            else if (reader.ValueTextEquals("effectiveDateTime"u8))
            {
                if (!Once(ref seen, 64) || !DirectPrimitives.TryDateTime(ref reader, out var effective))
                    return false;
                result.Effective = new FhirDateTime(effective);
            }
            else if (reader.ValueTextEquals("issued"u8))
            {
                if (!Once(ref seen, 128) || !DirectPrimitives.TryInstant(ref reader, out var issued))
                    return false;
                result.IssuedElement = new Instant { JsonValue = issued };
            }
            else if (reader.ValueTextEquals("interpretation"u8))
            {
                if (!Once(ref seen, 256) || !TryArray<CodeableConcept>(ref reader, TryCodeableConcept, out var interpretation))
                    return false;
                result.Interpretation = interpretation;
            }
            else if (reader.ValueTextEquals("referenceRange"u8))
            {
                if (!Once(ref seen, 512) || !TryArray<Observation.ReferenceRangeComponent>(ref reader, TryReferenceRange, out var ranges))
                    return false;
                result.ReferenceRange = ranges;
            }
            else if (reader.ValueTextEquals("component"u8))
            {
                if (!Once(ref seen, 1024) || !TryArray<Observation.ComponentComponent>(ref reader, TryComponent, out var components))
                    return false;
                result.Component = components;
            }
            else
            {
                // Anything else is a value[x] or declines.
                if (!TryValue(ref reader, ref seen, 2048, out var value))
                    return false;
                result.Value = value;
            }
        }

        // Observation.status and Observation.code are required (1..1): Firely's strict parser refuses a resource without them.
        observation = result;
        return reader.TokenType == JsonTokenType.EndObject && (seen & (2 | 8)) == (2 | 8);
    }

    private static bool TryComponent(ref Utf8JsonReader reader, [NotNullWhen(true)] out Observation.ComponentComponent? component)
    {
        component = null;
        if (!TryStartObject(ref reader))
            return false;
        var result = new Observation.ComponentComponent();
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("code"u8))
            {
                if (!Once(ref seen, 1) || !TryCodeableConcept(ref reader, out var code))
                    return false;
                result.Code = code;
            }
            else if (reader.ValueTextEquals("interpretation"u8))
            {
                if (!Once(ref seen, 2) || !TryArray<CodeableConcept>(ref reader, TryCodeableConcept, out var interpretation))
                    return false;
                result.Interpretation = interpretation;
            }
            else if (reader.ValueTextEquals("referenceRange"u8))
            {
                if (!Once(ref seen, 4) || !TryArray<Observation.ReferenceRangeComponent>(ref reader, TryReferenceRange, out var ranges))
                    return false;
                result.ReferenceRange = ranges;
            }
            else
            {
                // Anything else is a value[x] or declines.
                if (!TryValue(ref reader, ref seen, 8, out var value))
                    return false;
                result.Value = value;
            }
        }

        // Observation.component.code is required (1..1).
        component = result;
        return reader.TokenType == JsonTokenType.EndObject && (seen & 1) == 1;
    }

    private static bool TryReferenceRange(ref Utf8JsonReader reader, [NotNullWhen(true)] out Observation.ReferenceRangeComponent? range)
    {
        range = null;
        if (!TryStartObject(ref reader))
            return false;
        var result = new Observation.ReferenceRangeComponent();
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("low"u8))
            {
                if (!Once(ref seen, 1) || !TryQuantity(ref reader, out var low))
                    return false;
                result.Low = low;
            }
            else if (reader.ValueTextEquals("high"u8))
            {
                if (!Once(ref seen, 2) || !TryQuantity(ref reader, out var high))
                    return false;
                result.High = high;
            }
            else if (reader.ValueTextEquals("text"u8))
            {
                if (!Once(ref seen, 4) || !DirectPrimitives.TryString(ref reader, out var text))
                    return false;
                result.TextElement = new FhirString(text);
            }
            else
                return false;
        }

        range = result;
        return reader.TokenType == JsonTokenType.EndObject;
    }

    /// <summary>Observation.value[x] or component.value[x] of the three common types; one value[x] only (<paramref name="bit"/>).</summary>
    private static bool TryValue(ref Utf8JsonReader reader, ref int seen, int bit, [NotNullWhen(true)] out DataType? value)
    {
        value = null;
        var isValue = reader.ValueTextEquals("valueQuantity"u8) || reader.ValueTextEquals("valueCodeableConcept"u8) || reader.ValueTextEquals("valueString"u8);
        if (!isValue || !Once(ref seen, bit))
            return false;
        if (reader.ValueTextEquals("valueQuantity"u8))
        {
            if (TryQuantity(ref reader, out var quantity))
                value = quantity;
        }
        else if (reader.ValueTextEquals("valueCodeableConcept"u8))
        {
            if (TryCodeableConcept(ref reader, out var concept))
                value = concept;
        }
        else if (DirectPrimitives.TryString(ref reader, out var text))
        {
            value = new FhirString(text);
        }

        return value is not null;
    }
}
