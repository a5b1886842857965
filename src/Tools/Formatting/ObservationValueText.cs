using System.Globalization;
using ClinicalAgent.Fhir.Terminology;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Tools.Formatting;

/// <summary>
/// An observation's value as a value and a unit: decimals as written (a potassium of 3.0 is "3.0", not "3"),
/// comparators kept ("&lt;0.5"), blood pressure as systolic/diastolic read by component code, never by position
/// (Synthea lists the diastolic first), and other components each with its name.
/// </summary>
internal static class ObservationValueText
{
    public static (string? Value, string? Unit) Of(Observation observation)
    {
        if (observation.Value is not null)
        {
            return Value(observation.Value);
        }

        if (observation.Component.Count > 0)
        {
            return Components(observation.Component);
        }

        return observation.DataAbsentReason is { } absent ? ($"no value ({FhirText.Name(absent)})", null) : (null, null);
    }

    /// <summary>A value of any observation value type.</summary>
    public static (string? Value, string? Unit) Value(DataType? value) => value switch
    {
        Quantity quantity => (Number(quantity), UnitOf(quantity)),
        CodeableConcept concept => (FhirText.Name(concept), null),
        FhirString text => (text.Value, null),
        FhirBoolean flag => (flag.Value is true ? "yes" : "no", null),
        Integer integer => (integer.Value?.ToString(CultureInfo.InvariantCulture), null),
        Hl7.Fhir.Model.Range range => (RangeText(range), UnitOf(range.Low) ?? UnitOf(range.High)),
        Ratio ratio => (RatioText(ratio), null),
        FhirDateTime dateTime => (dateTime.Value, null),
        Hl7.Fhir.Model.Time time => (time.Value, null),
        Period period => ($"{period.Start} to {period.End}", null),
        null => (null, null),
        _ => (value.TypeName, null), // SampledData, Attachment: say what it is rather than inventing a number
    };

    private static (string? Value, string? Unit) Components(List<Observation.ComponentComponent> components)
    {
        var systolic = components.FirstOrDefault(c => HasLoinc(c.Code, Analytes.SystolicCode))?.Value as Quantity;
        var diastolic = components.FirstOrDefault(c => HasLoinc(c.Code, Analytes.DiastolicCode))?.Value as Quantity;
        if (systolic is not null || diastolic is not null)
        {
            return ($"{Number(systolic) ?? "?"}/{Number(diastolic) ?? "?"}", UnitOf(systolic) ?? UnitOf(diastolic));
        }

        // A survey or other panel: every component named, as "name: value unit".
        var parts = components.Select(c =>
        {
            var (value, unit) = c.Value is not null ? Value(c.Value)
                : c.DataAbsentReason is { } absent ? ($"no value ({FhirText.Name(absent)})", null) : (null, null);
            return $"{FhirText.Name(c.Code) ?? "?"}: {value ?? "?"}{(unit is null ? "" : " " + unit)}";
        });
        return (string.Join("; ", parts), null);
    }

    private static bool HasLoinc(CodeableConcept? concept, string code) =>
        concept?.Coding.Any(c => c.Code == code && (c.System is null || c.System == Analytes.LoincSystem)) == true;

    /// <summary>The number as written, with its comparator: FHIR decimals keep their significant digits.</summary>
    private static string? Number(Quantity? quantity)
    {
        if (quantity?.Value is not { } value)
        {
            return null;
        }

        var comparator = quantity.Comparator switch
        {
            Quantity.QuantityComparator.LessThan => "<",
            Quantity.QuantityComparator.LessOrEqual => "<=",
            Quantity.QuantityComparator.GreaterOrEqual => ">=",
            Quantity.QuantityComparator.GreaterThan => ">",
            _ => "",
        };
        return comparator + value.ToString(CultureInfo.InvariantCulture);
    }

    private static string? UnitOf(Quantity? quantity) => quantity is null ? null : quantity.Unit ?? quantity.Code;

    private static string RangeText(Hl7.Fhir.Model.Range range) => (Number(range.Low), Number(range.High)) switch
    {
        ({ } low, { } high) => $"{low}-{high}",
        ({ } low, null) => ">=" + low,
        (null, { } high) => "<=" + high,
        _ => "?",
    };

    private static string RatioText(Ratio ratio)
    {
        var numerator = Number(ratio.Numerator) is { } n ? n + (UnitOf(ratio.Numerator) is { } nu ? " " + nu : "") : "?";
        var denominator = Number(ratio.Denominator) is { } d ? d + (UnitOf(ratio.Denominator) is { } du ? " " + du : "") : "?";
        return $"{numerator}/{denominator}";
    }
}
