using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Serialization.Direct;

/// <summary>
/// The data types the direct readers know, each read from its opening brace to its closing one with only the elements
/// named here (an extension, an <c>id</c>, a primitive's <c>_</c> twin or anything else makes the reader decline).
/// Every element may appear once, an object or array must not be empty, and no value may be <c>null</c>: Firely's
/// strict parser refuses all of those, and declining leaves the refusal and its wording to it.
/// </summary>
internal static class DirectDataTypes
{
    /// <summary>Reads one value of an array or element, the reader before it.</summary>
    public delegate bool ValueReader<T>(ref Utf8JsonReader reader, [NotNullWhen(true)] out T? value);

    /// <summary>A JSON array of at least one value, each read by <paramref name="readOne"/>.</summary>
    public static bool TryArray<T>(ref Utf8JsonReader reader, ValueReader<T> readOne, [NotNullWhen(true)] out List<T>? values)
    {
        values = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            return false;
        var list = new List<T>(2);
        while (true)
        {
            // The element reader reads its own first token; peek at the end of the array on a copy.
            var peek = reader;
            if (!peek.Read())
                return false;
            if (peek.TokenType == JsonTokenType.EndArray)
            {
                reader = peek;
                break;
            }

            if (!readOne(ref reader, out var value))
                return false;
            list.Add(value);
        }

        values = list;
        return list.Count > 0;
    }

    /// <summary>Reads the opening brace and reports whether an element follows it (an empty object declines).</summary>
    public static bool TryStartObject(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            return false;
        var peek = reader;
        return peek.Read() && peek.TokenType == JsonTokenType.PropertyName;
    }

    /// <summary>A CodeableConcept: <c>coding</c> and <c>text</c>.</summary>
    public static bool TryCodeableConcept(ref Utf8JsonReader reader, [NotNullWhen(true)] out CodeableConcept? concept)
    {
        concept = null;
        if (!TryStartObject(ref reader))
            return false;
        var result = new CodeableConcept();
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("coding"u8))
            {
                if (!Once(ref seen, 1) || !TryArray<Coding>(ref reader, TryCoding, out var codings))
                    return false;
                result.Coding = codings;
            }
            else if (reader.ValueTextEquals("text"u8))
            {
                if (!Once(ref seen, 2) || !DirectPrimitives.TryString(ref reader, out var text))
                    return false;
                result.TextElement = new FhirString(text);
            }
            else
                return false;
        }

        concept = result;
        return reader.TokenType == JsonTokenType.EndObject;
    }

    /// <summary>A Coding: <c>system</c>, <c>version</c>, <c>code</c> and <c>display</c>.</summary>
    public static bool TryCoding(ref Utf8JsonReader reader, [NotNullWhen(true)] out Coding? coding)
    {
        coding = null;
        if (!TryStartObject(ref reader))
            return false;
        var result = new Coding();
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("system"u8))
            {
                if (!Once(ref seen, 1) || !DirectPrimitives.TryUri(ref reader, out var system))
                    return false;
                result.SystemElement = new FhirUri(system);
            }
            else if (reader.ValueTextEquals("version"u8))
            {
                if (!Once(ref seen, 2) || !DirectPrimitives.TryString(ref reader, out var version))
                    return false;
                result.VersionElement = new FhirString(version);
            }
            else if (reader.ValueTextEquals("code"u8))
            {
                if (!Once(ref seen, 4) || !DirectPrimitives.TryCode(ref reader, out var code))
                    return false;
                result.CodeElement = new Code(code);
            }
            else if (reader.ValueTextEquals("display"u8))
            {
                if (!Once(ref seen, 8) || !DirectPrimitives.TryString(ref reader, out var display))
                    return false;
                result.DisplayElement = new FhirString(display);
            }
            else
                return false;
        }

        coding = result;
        return reader.TokenType == JsonTokenType.EndObject;
    }

    /// <summary>A Quantity: <c>value</c>, <c>unit</c>, <c>system</c> and <c>code</c> (a <c>comparator</c> declines).</summary>
    public static bool TryQuantity(ref Utf8JsonReader reader, [NotNullWhen(true)] out Quantity? quantity)
    {
        quantity = null;
        if (!TryStartObject(ref reader))
            return false;
        var result = new Quantity();
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("value"u8))
            {
                if (!Once(ref seen, 1) || !DirectPrimitives.TryDecimal(ref reader, out var value))
                    return false;
                result.ValueElement = new FhirDecimal(value);
            }
            else if (reader.ValueTextEquals("unit"u8))
            {
                if (!Once(ref seen, 2) || !DirectPrimitives.TryString(ref reader, out var unit))
                    return false;
                result.UnitElement = new FhirString(unit);
            }
            else if (reader.ValueTextEquals("system"u8))
            {
                if (!Once(ref seen, 4) || !DirectPrimitives.TryUri(ref reader, out var system))
                    return false;
                result.SystemElement = new FhirUri(system);
            }
            else if (reader.ValueTextEquals("code"u8))
            {
                if (!Once(ref seen, 8) || !DirectPrimitives.TryCode(ref reader, out var code))
                    return false;
                result.CodeElement = new Code(code);
            }
            else
                return false;
        }

        quantity = result;
        return reader.TokenType == JsonTokenType.EndObject;
    }

    /// <summary>A Reference: <c>reference</c> and <c>display</c>.</summary>
    public static bool TryReference(ref Utf8JsonReader reader, [NotNullWhen(true)] out ResourceReference? reference)
    {
        reference = null;
        if (!TryStartObject(ref reader))
            return false;
        var result = new ResourceReference();
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("reference"u8))
            {
                if (!Once(ref seen, 1) || !DirectPrimitives.TryString(ref reader, out var target))
                    return false;
                result.ReferenceElement = new FhirString(target);
            }
            else if (reader.ValueTextEquals("display"u8))
            {
                if (!Once(ref seen, 2) || !DirectPrimitives.TryString(ref reader, out var display))
                    return false;
                result.DisplayElement = new FhirString(display);
            }
            else
                return false;
        }

        reference = result;
        return reader.TokenType == JsonTokenType.EndObject;
    }

    /// <summary>Marks an element seen; false when it was seen before (a duplicate key, which Firely refuses).</summary>
    public static bool Once(ref int seen, int bit)
    {
        if ((seen & bit) != 0)
            return false;
        seen |= bit;
        return true;
    }
}
