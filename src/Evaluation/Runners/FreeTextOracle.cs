using System.Globalization;
using System.Text.Json;
using ClinicalAgent.Evaluation.Tasks;
using ClinicalAgent.Fhir.Terminology;

namespace ClinicalAgent.Evaluation.Runners;

/// <summary>
/// The oracle's free-text answers: the tool calls a careful reader would make (get_observations for the labs,
/// get_medications for the active orders), the answer written from what they returned by <see cref="FreeTextAnswers"/>,
/// the writer the generator uses over the record. It reads the task's inputs only, never its reference answer.
/// </summary>
internal static class FreeTextOracle
{
    public static async Task<string> SolveAsync(BenchTask task, OracleCalls calls)
    {
        var mrn = task.Input("mrn");
        var now = task.EffectiveNow;
        switch (task.Input("kind"))
        {
            case FreeTextAnswers.PotassiumTrend:
                var since = DateTimeOffset.Parse(task.Input("since"), CultureInfo.InvariantCulture);
                var potassium = await LabsAsync(calls, mrn, PatientFactsReader.PotassiumCodes, task.Input("since"), latestOnly: false).ConfigureAwait(false);
                return FreeTextAnswers.Trend(potassium, since, now).Reference;
            case FreeTextAnswers.LastHbA1c:
                return FreeTextAnswers.HbA1c(await LabsAsync(calls, mrn, PatientFactsReader.HbA1cCodes, null, latestOnly: true).ConfigureAwait(false), now).Reference;
            case FreeTextAnswers.RenalMedications:
                var rows = await calls.ItemsAsync("get_medications", new() { ["patient_id"] = mrn, ["status"] = "active" }).ConfigureAwait(false);
                var active = rows.Where(r => Text(r, "name") is not null).Select(r => new RecordMedication(Text(r, "id")!, Text(r, "name")!)).ToList();
                var creatinine = await LabsAsync(calls, mrn, RecordDigestReader.CreatinineCodes, null, latestOnly: true).ConfigureAwait(false);
                return FreeTextAnswers.Renal(active, creatinine, now).Reference;
            default:
                throw new InvalidDataException($"Task {task.Id}: no free-text question kind '{task.Input("kind")}'.");
        }
    }

    private static async Task<List<RecordLab>> LabsAsync(OracleCalls calls, string mrn, IReadOnlyList<string> codes, string? since, bool latestOnly)
    {
        var arguments = new Dictionary<string, object?> { ["patient_id"] = mrn, ["code"] = Analytes.Token(codes), ["limit"] = 1000 };
        if (since is not null)
            arguments["since"] = since;
        if (latestOnly)
            arguments["latest_only"] = true;
        var labs = new List<RecordLab>();
        foreach (var row in await calls.ItemsAsync("get_observations", arguments).ConfigureAwait(false))
        {
            // Entered-in-error and cancelled results are not results.
            if (Text(row, "status") is "entered-in-error" or "cancelled")
                continue;
            if (Text(row, "date") is { } date && Text(row, "value") is { } value
                && decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)
                && DateTimeOffset.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when))
                labs.Add(new RecordLab(Text(row, "id")!, number, Text(row, "unit") ?? "", date, when));
        }

        return [.. labs.OrderByDescending(l => l.When)];
    }

    private static string? Text(JsonElement row, string name) =>
        row.ValueKind == JsonValueKind.Object && row.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
