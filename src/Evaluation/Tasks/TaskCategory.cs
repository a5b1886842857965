using System.Globalization;
using System.Text.RegularExpressions;

namespace ClinicalAgent.Evaluation.Tasks;

/// <summary>The ten MedAgentBench categories and our two image categories: number, short name and whether the
/// category can call for writes.</summary>
public static partial class TaskCategory
{
    /// <summary>Short names by category number.</summary>
    public static IReadOnlyDictionary<int, string> Names { get; } = new Dictionary<int, string>
    {
        [1] = "patient lookup",
        [2] = "age",
        [3] = "record blood pressure",
        [4] = "latest magnesium (24 h)",
        [5] = "magnesium replacement",
        [6] = "average glucose (24 h)",
        [7] = "latest glucose",
        [8] = "orthopedic referral",
        [9] = "potassium replacement",
        [10] = "HbA1c check and order",
        [ChestFinding] = "chest radiograph finding",
        [LesionLabel] = "skin lesion label",
        [FreeText] = "free-text record question",
    };

    /// <summary>Is a named finding on the patient's latest chest radiograph (ours, over generated images).</summary>
    public const int ChestFinding = 11;

    /// <summary>Which offered label fits the patient's latest skin-lesion photograph (ours, over generated images).</summary>
    public const int LesionLabel = 12;

    /// <summary>A question over the patient's whole record answered in prose citing resource ids (ours; <c>bench generate --free-text N</c>).</summary>
    public const int FreeText = 13;

    /// <summary>The last of MedAgentBench's own categories; the published numbers cover 1 to this.</summary>
    public const int LastMedAgentBench = 10;

    /// <summary>Categories answered from images, with the image tools; graded against the images' ground truth.</summary>
    public static bool IsImage(int category) => category is ChestFinding or LesionLabel;

    /// <summary>Categories whose right outcome may include writes (MedAgentBench's "action" tasks).</summary>
    public static bool IsAction(int category) => category is 3 or 5 or 8 or 9 or 10;

    /// <summary>The category of a task id such as <c>task5_3</c>.</summary>
    /// <exception cref="InvalidDataException">The id does not start with <c>task1</c>…<c>task10</c> and an underscore.</exception>
    public static int FromTaskId(string id)
    {
        var match = IdPattern().Match(id ?? "");
        return match.Success && int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) is >= 1 and <= FreeText and var category
            ? category
            : throw new InvalidDataException($"Task id '{id}' does not name a category: ids look like task1_1 … task13_30.");
    }

    [GeneratedRegex("^task([0-9]{1,2})_")]
    private static partial Regex IdPattern();
}
