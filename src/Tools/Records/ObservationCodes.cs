using System.Text.RegularExpressions;
using ClinicalAgent.Fhir.Terminology;

namespace ClinicalAgent.Tools.Records;

/// <summary>
/// Turns what a model writes for an observation code into what to search: <c>system|code</c> exactly as given; a
/// bare LOINC code or a name (<c>potassium</c>) as every LOINC code of its analyte (<see cref="Analytes"/>: a
/// potassium may be coded 2823-3 or 6298-4); any other word as a name matched by display text.
/// </summary>
internal static partial class ObservationCodes
{
    /// <summary>The filter for a <c>code</c> argument; several codes or names may be separated by commas.</summary>
    /// <exception cref="ToolArgumentException">Nothing but commas and spaces was given.</exception>
    public static ObservationCodeFilter Resolve(string code)
    {
        var tokens = new List<string>();
        var terms = new List<string>();
        foreach (var part in code.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part.Contains('|', StringComparison.Ordinal))
            {
                tokens.Add(part);
            }
            else if (LoincPattern().IsMatch(part))
            {
                tokens.AddRange(Analytes.OfCode(part) is { } analyte ? analyte.CodeValues.Select(Loinc) : [Loinc(part)]);
            }
            else if (Analytes.Named(part) is { } named)
            {
                tokens.AddRange(named.CodeValues.Select(Loinc));
            }
            else
            {
                terms.Add(part);
            }
        }

        if (tokens.Count == 0 && terms.Count == 0)
        {
            throw new ToolArgumentException("code is empty: give a LOINC code such as 2823-3, system|code, or a name such as potassium.");
        }

        return new ObservationCodeFilter([.. tokens.Distinct(StringComparer.Ordinal)], [.. terms.Distinct(StringComparer.OrdinalIgnoreCase)]);
    }

    /// <summary>
    /// What "the same test" means for newest-of-each: the analyte for a code the table knows (a 6298-4 and a 2823-3
    /// potassium are one series), else the code itself.
    /// </summary>
    public static string? SeriesOf(string? code) => Analytes.OfCode(code)?.Name ?? code;

    private static string Loinc(string code) => Analytes.Token([code]);

    [GeneratedRegex("^[0-9]{1,7}-[0-9]$")]
    private static partial Regex LoincPattern();
}
