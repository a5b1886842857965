using System.Globalization;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Tools.Formatting;

/// <summary>
/// A medication order's structured dosage in words: dose ("1 tablet", "1-2 puff", with a rate when given), route
/// ("Oral route"), frequency ("2 times a day", "every 4-6 hours, as needed"). Several instructions (a taper) are
/// joined with "; " in sequence order.
/// </summary>
internal static class DosageText
{
    public static (string? Dose, string? Route, string? Frequency, string? Text) Of(IReadOnlyList<Dosage> dosages)
    {
        var ordered = dosages.OrderBy(d => d.Sequence ?? 0).ToList();
        return (
            Join(ordered.Select(Dose)),
            Join(ordered.Select(d => FhirText.Name(d.Route))),
            Join(ordered.Select(Frequency)),
            Join(ordered.Select(d => d.Text ?? d.PatientInstruction)));
    }

    private static string? Dose(Dosage dosage)
    {
        var first = dosage.DoseAndRate.FirstOrDefault();
        var dose = first?.Dose switch
        {
            Quantity quantity => Amount(quantity),
            Hl7.Fhir.Model.Range range => $"{Amount(range.Low, withUnit: false)}-{Amount(range.High)}",
            _ => null,
        };
        var rate = first?.Rate switch
        {
            Quantity quantity => Amount(quantity),
            Ratio ratio => $"{Amount(ratio.Numerator)} per {Amount(ratio.Denominator)}",
            Hl7.Fhir.Model.Range range => $"{Amount(range.Low, withUnit: false)}-{Amount(range.High)}",
            _ => null,
        };
        return (dose, rate) switch
        {
            (null, null) => null,
            ({ } d, null) => d,
            (null, { } r) => "at " + r,
            ({ } d, { } r) => $"{d} at {r}",
        };
    }

    private static string? Frequency(Dosage dosage)
    {
        var timing = dosage.Timing;
        var repeat = timing?.Repeat;
        var words = repeat is not null ? Repeat(repeat) : null;
        words ??= FhirText.Name(timing?.Code);
        var asNeeded = dosage.AsNeeded switch
        {
            FhirBoolean { Value: true } => "as needed",
            CodeableConcept reason => "as needed for " + FhirText.Name(reason),
            _ => null,
        };
        return Join([words, asNeeded], ", ");
    }

    private static string? Repeat(Timing.RepeatComponent repeat)
    {
        if (repeat.Period is not { } period || repeat.PeriodUnit is not { } unit)
        {
            return repeat.Frequency is { } only ? $"{only} times" : null;
        }

        var frequency = repeat.Frequency ?? 1;
        var frequencyText = repeat.FrequencyMax is { } max && max != frequency ? $"{frequency}-{max}" : Text(frequency);
        var periodText = repeat.PeriodMax is { } periodMax && periodMax != period ? $"{Text(period)}-{Text(periodMax)}" : Text(period);
        var unitName = UnitName(unit);
        if (frequency == 1 && repeat.FrequencyMax is null)
        {
            return periodText == "1" ? $"once a {unitName}" : $"every {periodText} {unitName}s";
        }

        return periodText == "1" ? $"{frequencyText} times a {unitName}" : $"{frequencyText} times every {periodText} {unitName}s";
    }

    private static string UnitName(Timing.UnitsOfTime unit) => unit switch
    {
        Timing.UnitsOfTime.S => "second",
        Timing.UnitsOfTime.Min => "minute",
        Timing.UnitsOfTime.H => "hour",
        Timing.UnitsOfTime.D => "day",
        Timing.UnitsOfTime.Wk => "week",
        Timing.UnitsOfTime.Mo => "month",
        _ => "year",
    };

    private static string? Amount(Quantity? quantity, bool withUnit = true)
    {
        if (quantity?.Value is not { } value)
        {
            return null;
        }

        var unit = quantity.Unit ?? quantity.Code;
        return withUnit && unit is not null ? $"{Text(value)} {unit}" : Text(value);
    }

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? Join(IEnumerable<string?> parts, string separator = "; ")
    {
        var present = parts.Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
        return present.Count == 0 ? null : string.Join(separator, present);
    }
}
