using ClinicalAgent.Evaluation.Tasks;

namespace ClinicalAgent.Evaluation.Coverage;

/// <summary>
/// The tool calls the oracle (<see cref="Runners.OracleAgent"/>) makes for a task, read from the task alone: its
/// category, its expected branch and action, and its inputs — so a task set's coverage needs no store and no run. A
/// test checks it against the calls the oracle really records on a seeded store.
/// </summary>
internal static class OraclePlan
{
    /// <summary>The oracle's calls for <paramref name="task"/>, in order, as (tool, argument kind).</summary>
    public static IReadOnlyList<(string Tool, string ArgumentKind)> For(BenchTask task)
    {
        var expected = task.Expected;
        var found = expected?.Branch != "not_found";
        var writes = expected?.Action == true;
        var lab = LabCodeVariants.For(task.Category);
        var code = lab is null ? null : LabCodeVariants.CodeOf(task, lab.DefaultCodes);
        var until = task.Inputs?.GetValueOrDefault(LabCodeVariants.UntilInput);
        return task.Category switch
        {
            1 => [Call("find_patients", ("given", "x"), ("family", "x"), ("birthdate", "x"))],
            2 => [Call("get_patient", ("patient_id", "x"))],
            3 => [Call("find_patients", ("mrn", "x")), .. found ? [Call("record_vital_sign", ("patient_id", "x"), ("kind", "x"), ("value", "x"))] : Empty],
            4 => [Call("get_observations", ("patient_id", "x"), ("until", until), ("code", code), ("latest_only", true), ("since", "24h"))],
            5 =>
            [
                Call("get_observations", ("patient_id", "x"), ("until", until), ("code", code), ("latest_only", true), ("since", "24h")),
                .. writes ? [Call("order_medication", ("patient_id", "x"), ("medication", "x"), ("code", "0338-1715-40"), ("system", "ndc"), ("dose", "x"))] : Empty,
            ],
            6 => [Call("get_observations", ("patient_id", "x"), ("until", until), ("code", code), ("since", "24h"))],
            7 => [Call("get_observations", ("patient_id", "x"), ("until", until), ("code", code), ("latest_only", true))],
            8 => [Call("find_patients", ("mrn", "x")), .. found ? [Call("order_service", ("patient_id", "x"), ("kind", "referral"), ("code", "306181000000106"))] : Empty],
            9 =>
            [
                Call("get_observations", ("patient_id", "x"), ("until", until), ("code", code), ("latest_only", true)),
                .. writes
                    ? [Call("order_medication", ("patient_id", "x"), ("code", "40032-917-01")), Call("order_service", ("patient_id", "x"), ("code", PatientFactsReader.Potassium), ("occurrence", "x"))]
                    : Empty,
            ],
            10 => [Call("get_observations", ("patient_id", "x"), ("until", until), ("code", code), ("latest_only", true)), .. writes ? [Call("order_service", ("patient_id", "x"), ("code", PatientFactsReader.HbA1c))] : Empty],
            TaskCategory.ChestFinding or TaskCategory.LesionLabel => [Call("list_images", ("patient_id", "x"))],
            TaskCategory.FreeText => FreeText(task),
            _ => [],
        };
    }

    private static readonly (string, string)[] Empty = [];

    private static IReadOnlyList<(string, string)> FreeText(BenchTask task)
    {
        static (string, string) Latest(IReadOnlyList<string> codes) =>
            Call("get_observations", ("patient_id", "x"), ("code", Fhir.Terminology.Analytes.Token(codes)), ("limit", 1000), ("latest_only", true));
        return task.Inputs?.GetValueOrDefault("kind") switch
        {
            FreeTextAnswers.PotassiumTrend =>
                [Call("get_observations", ("patient_id", "x"), ("code", Fhir.Terminology.Analytes.Token(PatientFactsReader.PotassiumCodes)), ("limit", 1000), ("since", "x"))],
            FreeTextAnswers.LastHbA1c => [Latest(PatientFactsReader.HbA1cCodes)],
            FreeTextAnswers.RenalMedications => [Call("get_medications", ("patient_id", "x"), ("status", "active")), Latest(RecordDigestReader.CreatinineCodes)],
            _ => [],
        };
    }

    // Only the argument names and the code's form shape a call's kind, so the plan fills the other values with "x".
    private static (string, string) Call(string tool, params (string Key, object? Value)[] arguments) =>
        (tool, ArgumentKinds.Of(ArgumentKinds.AsText(arguments.Select(a => KeyValuePair.Create(a.Key, a.Value)))));
}
