using System.Text.RegularExpressions;

namespace ClinicalAgent.Tools.Records;

/// <summary>
/// Turns what a model writes for an observation code into a FHIR token: <c>system|code</c> as given, a bare LOINC
/// code with the LOINC system, or a common lab or vital name (<c>potassium</c>) as its LOINC code.
/// </summary>
internal static partial class ObservationCodes
{
    public const string LoincSystem = "http://loinc.org";

    private static readonly Dictionary<string, string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["potassium"] = "2823-3", ["k"] = "2823-3",
        ["sodium"] = "2951-2", ["na"] = "2951-2",
        ["creatinine"] = "2160-0",
        ["glucose"] = "2339-0",
        ["magnesium"] = "19123-9", ["mg"] = "19123-9",
        ["hba1c"] = "4548-4", ["a1c"] = "4548-4", ["hemoglobin a1c"] = "4548-4",
        ["hemoglobin"] = "718-7", ["hgb"] = "718-7",
        ["wbc"] = "6690-2", ["white blood cells"] = "6690-2",
        ["blood pressure"] = "85354-9", ["bp"] = "85354-9",
        ["heart rate"] = "8867-4", ["pulse"] = "8867-4",
        ["temperature"] = "8310-5",
        ["spo2"] = "59408-5", ["oxygen saturation"] = "59408-5",
        ["height"] = "8302-2",
        ["weight"] = "29463-7",
        ["bmi"] = "39156-5",
    };

    /// <summary>The token for a FHIR <c>code</c> search; several codes may be separated by commas.</summary>
    /// <exception cref="ToolArgumentException">A part is neither a code nor a known name.</exception>
    public static string ToToken(string code) =>
        string.Join(",", code.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(One));

    private static string One(string code)
    {
        if (code.Contains('|', StringComparison.Ordinal))
        {
            return code;
        }

        if (LoincPattern().IsMatch(code))
        {
            return LoincSystem + "|" + code;
        }

        if (Names.TryGetValue(code, out var loinc))
        {
            return LoincSystem + "|" + loinc;
        }

        throw new ToolArgumentException(
            $"Unknown observation code '{code}': give a LOINC code such as 2823-3 (potassium), system|code, or a common name such as potassium, sodium, creatinine, glucose, hba1c, weight.");
    }

    [GeneratedRegex("^[0-9]{1,7}-[0-9]$")]
    private static partial Regex LoincPattern();
}
