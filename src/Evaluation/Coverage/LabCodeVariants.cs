using ClinicalAgent.Evaluation.Tasks;
using ClinicalAgent.Fhir.Terminology;

namespace ClinicalAgent.Evaluation.Coverage;

/// <summary>
/// The lab each lab category reads and the forms its code can take in a task's <c>code</c> input: the default LOINC
/// tokens (every code of the analyte on the property the thresholds are in), the bare LOINC code the instruction names,
/// the test's name, and the local lab code of MedAgentBench-style records (<see cref="LocalLabCodeSystem"/>).
/// </summary>
internal static class LabCodeVariants
{
    /// <summary>The system of the lab codes <c>fhir seed --style medagentbench</c> writes (the store's own constant is
    /// internal to ClinicalAgent.Fhir; a test checks that the seeded records carry this system).</summary>
    public const string LocalLabCodeSystem = "http://clinicalagent.local/medagentbench/lab-code";

    /// <summary>The task input that overrides the code the oracle searches.</summary>
    public const string Input = "code";

    private static readonly Dictionary<int, Lab> Labs = new()
    {
        [4] = new("magnesium", PatientFactsReader.Magnesium, "MG", PatientFactsReader.MagnesiumCodes),
        [5] = new("magnesium", PatientFactsReader.Magnesium, "MG", PatientFactsReader.MagnesiumCodes),
        [6] = new("glucose", PatientFactsReader.Glucose, "GLU", PatientFactsReader.GlucoseCodes),
        [7] = new("glucose", PatientFactsReader.Glucose, "GLU", PatientFactsReader.GlucoseCodes),
        [9] = new("potassium", PatientFactsReader.Potassium, "K", PatientFactsReader.PotassiumCodes),
        [10] = new("hba1c", PatientFactsReader.HbA1c, "A1C", PatientFactsReader.HbA1cCodes),
    };

    /// <summary>The task input that bounds the oracle's searches above: a NOW moved back into the record's history,
    /// where results after NOW are in the record and must not count.</summary>
    public const string UntilInput = "until";

    /// <summary><paramref name="arguments"/> with <c>until</c> set when the task bounds its searches.</summary>
    public static Dictionary<string, object?> WithUntil(BenchTask task, Dictionary<string, object?> arguments)
    {
        if (task.Inputs is not null && task.Inputs.TryGetValue(UntilInput, out var until))
            arguments["until"] = until;
        return arguments;
    }

    /// <summary>The lab categories: those whose oracle searches one analyte by code.</summary>
    public static IEnumerable<int> Categories => Labs.Keys;

    /// <summary>The lab of <paramref name="category"/>, or null for a category that reads none.</summary>
    public static Lab? For(int category) => Labs.GetValueOrDefault(category);

    /// <summary>The code a task's oracle searches: the task's <c>code</c> input, else the category's default tokens.</summary>
    public static string CodeOf(BenchTask task, IReadOnlyList<string> defaultCodes) =>
        task.Inputs is not null && task.Inputs.TryGetValue(Input, out var code) ? code : Analytes.Token(defaultCodes);

    /// <summary>One lab category's analyte.</summary>
    /// <param name="Name">The name the tools know it by.</param>
    /// <param name="Loinc">The LOINC code the instruction names.</param>
    /// <param name="LocalCode">MedAgentBench's lab code for it.</param>
    /// <param name="DefaultCodes">The codes the category reads.</param>
    internal sealed record Lab(string Name, string Loinc, string LocalCode, IReadOnlyList<string> DefaultCodes)
    {
        public string LocalToken => $"{LocalLabCodeSystem}|{LocalCode}";

        /// <summary>The code variants and the sentence each adds to the task's context.</summary>
        public IEnumerable<(string Kind, string Code, string Sentence)> Variants(bool recordHasLocalCode)
        {
            yield return ("loinc", Loinc, $"Search the record by the bare LOINC code {Loinc}.");
            yield return ("name", Name, $"Search the record by the test's name, {Name}.");
            if (recordHasLocalCode)
                yield return ("local", LocalToken, $"In this record the result also carries the local lab code {LocalCode} (system {LocalLabCodeSystem}); search by that code, {LocalToken}.");
        }
    }
}
