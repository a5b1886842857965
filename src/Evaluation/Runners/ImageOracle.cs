using System.Text.Json;
using ClinicalAgent.Evaluation.Tasks;
using ClinicalAgent.Fhir.Synthetic;

namespace ClinicalAgent.Evaluation.Runners;

/// <summary>
/// The oracle's way through the image categories: it lists the patient's images with <c>list_images</c>, as an agent
/// must, takes the newest image of the asked kind by the ids that tool gives, and answers from that image's ground
/// truth where a perfect reader of the image would. It never reads the task's expected outcome.
/// </summary>
internal sealed class ImageOracle(IReadOnlyList<SyntheticImageFinding> truth)
{
    private readonly Dictionary<string, SyntheticImageFinding> _byId = truth.ToDictionary(f => f.ImageId, StringComparer.Ordinal);

    public async Task<IReadOnlyList<object>> SolveAsync(BenchTask task, OracleCalls calls)
    {
        var kind = task.Category == TaskCategory.ChestFinding ? SyntheticImageFindings.ChestXray : SyntheticImageFindings.SkinPhoto;
        var rows = await calls.ItemsAsync("list_images", new() { ["patient_id"] = task.EvalMrn }).ConfigureAwait(false);
        // list_images gives the newest first.
        var image = rows.Select(IdOf).Select(id => _byId.GetValueOrDefault(id ?? "")).FirstOrDefault(f => f?.Kind == kind)
            ?? throw new InvalidOperationException($"Oracle: list_images shows no {kind} with ground truth for {task.EvalMrn}.");
        if (task.Category == TaskCategory.LesionLabel)
            return [image.Label, image.ImageId];

        var asked = ImageCaseBuilder.ChestFindings.Single(f => f.Value == task.Input("finding")).Key;
        return [image.Findings.Contains(asked) ? "yes" : "no", image.ImageId];
    }

    private static string? IdOf(JsonElement row) =>
        row.TryGetProperty("image_id", out var id) || row.TryGetProperty("id", out id) ? id.GetString() : null;
}
