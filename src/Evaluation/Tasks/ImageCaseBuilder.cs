using System.Globalization;
using System.Text.Json;
using ClinicalAgent.Fhir.Synthetic;

namespace ClinicalAgent.Evaluation.Tasks;

/// <summary>
/// The image categories' cases, one or two per patient with a generated image, from the images' ground truth: is a
/// given finding on the latest chest radiograph (asked once about a finding it has and once about one it lacks), and
/// which of the offered labels fits the latest skin-lesion photograph. The answer names the image looked at, so an
/// agent that reads another image (an older one, the CT) fails.
/// </summary>
internal sealed class ImageCaseBuilder(IReadOnlyList<SyntheticImageFinding> truth, DateTimeOffset now, Random random)
{
    /// <summary>Chest findings the generator draws, with how an instruction names them.</summary>
    public static readonly IReadOnlyDictionary<string, string> ChestFindings = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["pleural-effusion"] = "a pleural effusion",
        ["cardiomegaly"] = "cardiomegaly (an enlarged cardiac silhouette)",
        ["pneumonia"] = "a consolidation suggesting pneumonia",
    };

    public IEnumerable<TaskCase> For(int category) => category switch
    {
        TaskCategory.ChestFinding => Latest(SyntheticImageFindings.ChestXray).SelectMany(ChestCases),
        TaskCategory.LesionLabel => Latest(SyntheticImageFindings.SkinPhoto).Select(LesionCase),
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };

    /// <summary>Each patient's newest image of <paramref name="kind"/> taken by now, in MRN order.</summary>
    private IEnumerable<SyntheticImageFinding> Latest(string kind) => truth
        .Where(f => f.Kind == kind && When(f) <= now)
        .GroupBy(f => f.Patient, StringComparer.Ordinal)
        .OrderBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => g.OrderByDescending(When).ThenBy(f => f.ImageId, StringComparer.Ordinal).First());

    private IEnumerable<TaskCase> ChestCases(SyntheticImageFinding image)
    {
        var present = ChestFindings.Keys.Where(image.Findings.Contains).ToList();
        var absent = ChestFindings.Keys.Except(present).ToList();
        if (present.Count > 0)
            yield return Chest(image, present[random.Next(present.Count)], "yes");
        if (absent.Count > 0)
            yield return Chest(image, absent[random.Next(absent.Count)], "no");
    }

    private TaskCase Chest(SyntheticImageFinding image, string finding, string answer) => new(
        TaskCategory.ChestFinding, image.Patient, answer == "yes",
        Values(image.Patient, ("finding", ChestFindings[finding])),
        new TaskExpectation($"{finding}_{(answer == "yes" ? "present" : "absent")}", false, Answer(answer, image.ImageId)));

    private TaskCase LesionCase(SyntheticImageFinding image)
    {
        var labels = image.Labels.OrderBy(_ => random.Next()).ToList();
        return new TaskCase(
            // The balance: a suspicious lesion against a benign one.
            TaskCategory.LesionLabel, image.Patient, !image.Findings.All(f => f.StartsWith("benign", StringComparison.Ordinal)),
            Values(image.Patient, ("labels", string.Join("; ", labels))),
            new TaskExpectation(image.Label.Replace(' ', '_'), false, Answer(image.Label, image.ImageId)));
    }

    private Dictionary<string, string> Values(string mrn, params (string Key, string Value)[] extra)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["now"] = CaseBuilder.Iso(now), ["mrn"] = mrn };
        foreach (var (key, value) in extra)
            values[key] = value;
        return values;
    }

    private static DateTimeOffset When(SyntheticImageFinding f) =>
        DateTimeOffset.Parse(f.Date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static JsonElement[] Answer(params object[] values) => [.. values.Select(v => JsonSerializer.SerializeToElement(v))];
}
