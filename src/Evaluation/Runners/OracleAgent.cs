using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ClinicalAgent.Agent.Runtime.Prompting;
using ClinicalAgent.Evaluation.Grading;
using ClinicalAgent.Evaluation.Transcripts;
using Microsoft.Extensions.AI;
using ClinicalAgent.Evaluation.Tasks;
using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Synthetic;

namespace ClinicalAgent.Evaluation.Runners;

/// <summary>
/// A scripted reference solver that uses only our tools, called by name with JSON-like arguments as the model
/// calls them, and reads only the task's inputs (never its expected outcome). Scoring 100% shows that the tools can
/// solve every task and that the graders accept a right answer; its trace is what failure analysis compares with.
/// The image categories need the generated images' ground truth (<paramref name="imageTruth"/>), where it plays the
/// part of a perfect image reader (<see cref="ImageOracle"/>).
/// </summary>
public sealed class OracleAgent(IFhirGateway gateway, IReadOnlyList<SyntheticImageFinding>? imageTruth = null) : IBenchAgent
{
    private readonly ImageOracle _images = new(imageTruth ?? []);

    /// <inheritdoc/>
    public string Name => "oracle";

    /// <inheritdoc/>
    public async Task<TaskRun> RunAsync(BenchTask task, CancellationToken cancellationToken)
    {
        using var session = new BenchToolSession(gateway, task.EffectiveNow);
        var steps = new List<BenchStep>();
        List<ChatMessage> conversation =
        [
            new(ChatRole.System, PromptLibrary.Load(ModelAgent.SystemPrompt).Trim()),
            new(ChatRole.User, BenchQuestion.For(task)),
        ];
        var calls = new OracleCalls(session, steps, cancellationToken, conversation);
        var answer = TaskCategory.IsImage(task.Category)
            ? Answer([.. await _images.SolveAsync(task, calls).ConfigureAwait(false)])
            : task.Category == TaskCategory.FreeText
                ? Answer(await FreeTextOracle.SolveAsync(task, calls).ConfigureAwait(false))
                : await SolveAsync(task, calls).ConfigureAwait(false);
        var text = "FINISH(" + AnswerRules.Show(answer) + ")";
        conversation.Add(new ChatMessage(ChatRole.Assistant, text));
        // The transcript a model would have seen had it made the oracle's calls: what bench export offers as the
        // chosen trajectory where no run passed.
        return new TaskRun(text, answer, session.Posts, steps, "answered", Transcript: ProtocolTranscript.From(conversation, session.Functions));
    }

    private static async Task<IReadOnlyList<JsonElement>> SolveAsync(BenchTask task, OracleCalls calls)
    {
        var now = task.EffectiveNow;
        var mrn = task.EvalMrn ?? "";
        switch (task.Category)
        {
            case 1:
                var found = await calls.ItemsAsync("find_patients", new() { ["given"] = task.Input("given"), ["family"] = task.Input("family"), ["birthdate"] = task.Input("dob") }).ConfigureAwait(false);
                var match = found.FirstOrDefault(p => p.GetProperty("birthDate").GetString() == task.Input("dob"));
                return Answer(match.ValueKind == JsonValueKind.Object ? match.GetProperty("id").GetString()! : "Patient not found");
            case 2:
                var patient = await calls.CallAsync("get_patient", new() { ["patient_id"] = mrn }).ConfigureAwait(false);
                return Answer(patient.GetProperty("age").GetInt32());
            case 3:
                // The instruction's MRN may be mistyped: check that the patient exists before writing anything.
                if (!await ExistsAsync(calls, task.Input("mrn")).ConfigureAwait(false))
                    return Answer(CaseBuilder.PatientNotFound);
                await calls.CallAsync("record_vital_sign", new() { ["patient_id"] = task.Input("mrn"), ["kind"] = "blood_pressure", ["value"] = task.Input("bp") }).ConfigureAwait(false);
                return [];
            case 4:
                return Answer(await LatestAsync(calls, task, mrn, Coverage.LabCodeVariants.CodeOf(task, PatientFactsReader.MagnesiumCodes), "24h").ConfigureAwait(false) ?? -1m);
            case 5:
                var magnesium = await LatestAsync(calls, task, mrn, Coverage.LabCodeVariants.CodeOf(task, PatientFactsReader.MagnesiumCodes), "24h").ConfigureAwait(false);
                if (magnesium is { } mg && mg <= 1.9m)
                {
                    var grams = mg < 1m ? 4 : mg < 1.5m ? 2 : 1;
                    await calls.CallAsync("order_medication", new()
                    {
                        ["patient_id"] = mrn, ["medication"] = "magnesium sulfate in water for injection", ["code"] = "0338-1715-40", ["system"] = "ndc",
                        ["dose"] = $"{grams} g", ["route"] = "IV", ["frequency"] = $"over {grams} h",
                    }).ConfigureAwait(false);
                }

                return Answer(magnesium ?? -1m);
            case 6:
                var glucose = await calls.ItemsAsync("get_observations", Coverage.LabCodeVariants.WithUntil(task, new() { ["patient_id"] = mrn, ["code"] = Coverage.LabCodeVariants.CodeOf(task, PatientFactsReader.GlucoseCodes), ["since"] = "24h" })).ConfigureAwait(false);
                var values = glucose.Select(r => Value(task, r)).ToList();
                return Answer(values.Count == 0 ? -1m : Math.Round(values.Average(), 4));
            case 7:
                return Answer(await LatestAsync(calls, task, mrn, Coverage.LabCodeVariants.CodeOf(task, PatientFactsReader.GlucoseCodes), null).ConfigureAwait(false) ?? -1m);
            case 8:
                if (!await ExistsAsync(calls, task.Input("mrn")).ConfigureAwait(false))
                    return Answer(CaseBuilder.PatientNotFound);
                await calls.CallAsync("order_service", new()
                {
                    ["patient_id"] = task.Input("mrn"), ["kind"] = "referral", ["code"] = "306181000000106", ["system"] = "snomed", ["priority"] = "stat", ["note"] = task.Input("note"),
                }).ConfigureAwait(false);
                return [];
            case 9:
                var potassium = await LatestAsync(calls, task, mrn, Coverage.LabCodeVariants.CodeOf(task, PatientFactsReader.PotassiumCodes), null).ConfigureAwait(false);
                if (potassium is { } k && k < 3.5m)
                {
                    var dose = Math.Round((3.5m - k) / 0.1m * 10m, 1);
                    await calls.CallAsync("order_medication", new()
                    {
                        ["patient_id"] = mrn, ["medication"] = "potassium chloride 20 mEq oral tablet", ["code"] = "40032-917-01", ["system"] = "ndc",
                        ["dose"] = string.Create(CultureInfo.InvariantCulture, $"{dose:0.#} mEq"), ["route"] = "oral",
                    }).ConfigureAwait(false);
                    var morning = new DateTimeOffset(now.Date.AddDays(1).AddHours(8), now.Offset);
                    await calls.CallAsync("order_service", new()
                    {
                        ["patient_id"] = mrn, ["kind"] = "lab", ["code"] = PatientFactsReader.Potassium, ["occurrence"] = CaseBuilder.Iso(morning),
                    }).ConfigureAwait(false);
                }

                return Answer(potassium ?? -1m);
            case 10:
                var rows = await calls.ItemsAsync("get_observations", Coverage.LabCodeVariants.WithUntil(task, new() { ["patient_id"] = mrn, ["code"] = Coverage.LabCodeVariants.CodeOf(task, PatientFactsReader.HbA1cCodes), ["latest_only"] = true })).ConfigureAwait(false);
                var latest = rows.FirstOrDefault();
                var date = latest.ValueKind == JsonValueKind.Object ? latest.GetProperty("date").GetString() : null;
                if (date is null || DateTimeOffset.Parse(date, CultureInfo.InvariantCulture) < now.AddYears(-1))
                {
                    await calls.CallAsync("order_service", new() { ["patient_id"] = mrn, ["kind"] = "lab", ["code"] = PatientFactsReader.HbA1c, ["priority"] = "stat" }).ConfigureAwait(false);
                }

                return date is null ? Answer(-1) : Answer(Value(task, latest), date);
            default:
                throw new InvalidDataException($"Task {task.Id}: no category {task.Category}.");
        }
    }

    /// <summary>Whether find_patients knows the MRN (it lists no one for an MRN nobody has).</summary>
    private static async Task<bool> ExistsAsync(OracleCalls calls, string mrn)
    {
        var found = await calls.ItemsAsync("find_patients", new() { ["mrn"] = mrn }).ConfigureAwait(false);
        return found.Any(p => p.GetProperty("id").GetString() == mrn);
    }

    private static async Task<decimal?> LatestAsync(OracleCalls calls, BenchTask task, string mrn, string code, string? since)
    {
        var arguments = Coverage.LabCodeVariants.WithUntil(task, new() { ["patient_id"] = mrn, ["code"] = code, ["latest_only"] = true });
        if (since is not null)
            arguments["since"] = since;
        var rows = await calls.ItemsAsync("get_observations", arguments).ConfigureAwait(false);
        return rows.Count == 0 ? null : Value(task, rows[0]);
    }

    /// <summary>
    /// A result's value in the unit the task is written in. The tools show each value in its record's unit and never
    /// convert; a record in another unit (a unit perturbation) is converted here, as a careful reader would.
    /// </summary>
    private static decimal Value(BenchTask task, JsonElement row)
    {
        var value = decimal.Parse(row.GetProperty("value").GetString()!, CultureInfo.InvariantCulture);
        var unit = row.TryGetProperty("unit", out var shown) && shown.ValueKind == JsonValueKind.String ? shown.GetString() : null;
        return Coverage.LabCodeVariants.For(task.Category) is { } lab ? Units.UnitConversions.ToTaskUnit(lab.Name, unit, value) : value;
    }

    private static JsonElement[] Answer(params object[] values) => [.. values.Select(v => JsonSerializer.SerializeToElement(v))];
}
