using ClinicalAgent.Fhir.Terminology;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>
/// Gives one generated patient's record what MedAgentBench's official graders read (<see cref="SyntheticStyle.MedAgentBench"/>):
/// beside the LOINC coding, the benchmark's own lab codes <c>K</c>, <c>MG</c>, <c>GLU</c> and <c>A1C</c> on the
/// Observations its categories read, so <c>Observation?patient=MRN&amp;code=K</c> finds them. Every value, time and
/// LOINC coding stays as the standard style has it; the patient's MRN identifier is already there.
/// </summary>
internal static class MedAgentBenchStyle
{
    /// <summary>
    /// The system of the benchmark's lab codes. The benchmark states only the bare codes (its graders search
    /// <c>code=K</c> with no system), and they are no LOINC codes, so they sit in a system of ours.
    /// </summary>
    public const string LabCodeSystem = "http://clinicalagent.local/medagentbench/lab-code";

    /// <summary>
    /// The benchmark's code for each LOINC code the task categories read, by the same properties the task generator
    /// reads them by (magnesium by mass, glucose in blood — the fingerstick CBG, potassium by substance, HbA1c in %), so
    /// the official graders' searches and the generated tasks' expected outcomes see exactly the same results.
    /// </summary>
    private static readonly Dictionary<string, (string Code, string Display)> BenchmarkCodes = Build(
        (Analytes.Potassium.CodesFor("SCnc"), "K", "Potassium"),
        (Analytes.Magnesium.CodesFor("MCnc"), "MG", "Magnesium"),
        (Analytes.Glucose.CodesFor("MCnc", "Bld", "BldC"), "GLU", "Glucose (CBG)"),
        (Analytes.HbA1c.CodesFor("MFr"), "A1C", "Hemoglobin A1c"));

    /// <summary>The benchmark's lab code for <paramref name="loinc"/>, or null when the benchmark has none for it.</summary>
    public static string? CodeFor(string loinc) => BenchmarkCodes.TryGetValue(loinc, out var code) ? code.Code : null;

    public static List<Resource> Apply(List<Resource> record)
    {
        foreach (var observation in record.OfType<Observation>())
        {
            var loinc = observation.Code?.Coding.FirstOrDefault(c => c.System == Analytes.LoincSystem && c.Code is not null);
            if (loinc?.Code is { } loincCode && BenchmarkCodes.TryGetValue(loincCode, out var code))
            {
                // After the LOINC coding: readers that take the first coding still see LOINC.
                observation.Code!.Coding.Add(new Coding(LabCodeSystem, code.Code, code.Display));
            }
        }

        return record;
    }

    private static Dictionary<string, (string, string)> Build(params (IReadOnlyList<string> Loinc, string Code, string Display)[] analytes)
    {
        var codes = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var (loinc, code, display) in analytes)
        {
            foreach (var each in loinc)
                codes[each] = (code, display);
        }

        return codes;
    }
}
