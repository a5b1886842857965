using System.Globalization;
using System.Text.RegularExpressions;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Tools.Writes;

/// <summary>
/// Reads the value text a model writes ("118/77 mmHg", "72 bpm", "38.2 C", "97%", "81.5 kg") into UCUM quantities.
/// </summary>
internal static partial class VitalSignValue
{
    private const string Ucum = "http://unitsofmeasure.org";

    /// <summary>Systolic and diastolic pressure in mm[Hg].</summary>
    public static (Quantity Systolic, Quantity Diastolic) BloodPressure(string text)
    {
        var match = Pressure().Match(text);
        if (!match.Success)
        {
            throw new ToolArgumentException("A blood pressure value reads like '118/77 mmHg'.");
        }

        var systolic = Number(match.Groups[1].Value);
        var diastolic = Number(match.Groups[2].Value);
        if (systolic is <= 0 or > 400 || diastolic is <= 0 || diastolic >= systolic)
        {
            throw new ToolArgumentException($"'{text}' is not a plausible blood pressure (systolic/diastolic mmHg).");
        }

        return (Quantity(systolic, "mmHg", "mm[Hg]"), Quantity(diastolic, "mmHg", "mm[Hg]"));
    }

    /// <summary>One value in the kind's UCUM unit, or a unit the text names that is valid for the kind.</summary>
    public static Quantity Single(VitalSignKind kind, string text)
    {
        var match = NumberAndUnit().Match(text);
        if (!match.Success)
        {
            throw new ToolArgumentException($"A {kind.Name} value is a number and an optional unit, e.g. '{Example(kind)}'.");
        }

        var value = Number(match.Groups[1].Value);
        var unit = match.Groups[2].Value.Trim().ToLowerInvariant();
        return kind.Name switch
        {
            "heart_rate" when unit is "" or "bpm" or "/min" or "beats/min" or "min-1" => Quantity(value, "/min", "/min"),
            "spo2" when unit is "" or "%" => Quantity(value, "%", "%"),
            "temperature" when unit is "c" or "°c" or "cel" or "celsius" || (unit is "" && value < 50) => Quantity(value, "Cel", "Cel"),
            "temperature" when unit is "f" or "°f" or "[degf]" or "fahrenheit" || unit is "" => Quantity(value, "degF", "[degF]"),
            "weight" when unit is "" or "kg" => Quantity(value, "kg", "kg"),
            "weight" when unit is "lb" or "lbs" or "[lb_av]" => Quantity(value, "lb", "[lb_av]"),
            "weight" when unit is "g" => Quantity(value, "g", "g"),
            _ => throw new ToolArgumentException($"'{match.Groups[2].Value.Trim()}' is not a unit for {kind.Name}; e.g. '{Example(kind)}'."),
        };
    }

    private static string Example(VitalSignKind kind) => kind.Name switch
    {
        "heart_rate" => "72 /min",
        "temperature" => "37.2 Cel",
        "spo2" => "97 %",
        "weight" => "81.5 kg",
        _ => "118/77 mmHg",
    };

    private static Quantity Quantity(decimal value, string unit, string code) =>
        new() { Value = value, Unit = unit, System = Ucum, Code = code };

    private static decimal Number(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\s*(\d{2,3}(?:\.\d+)?)\s*/\s*(\d{2,3}(?:\.\d+)?)\s*(?:mm\s*\[?hg\]?)?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Pressure();

    [GeneratedRegex(@"^\s*(\d+(?:\.\d+)?)\s*([^\d\s].*)?$")]
    private static partial Regex NumberAndUnit();
}
