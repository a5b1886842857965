using System.Globalization;
using System.Text.RegularExpressions;

namespace ClinicalAgent.Evaluation.Tasks;

/// <summary>The ten MedAgentBench categories: number, short name and whether the category can call for writes.</summary>
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
    };

    /// <summary>Categories whose right outcome may include writes (MedAgentBench's "action" tasks).</summary>
    public static bool IsAction(int category) => category is 3 or 5 or 8 or 9 or 10;

    /// <summary>The category of a task id such as <c>task5_3</c>.</summary>
    /// <exception cref="InvalidDataException">The id does not start with <c>task1</c>…<c>task10</c> and an underscore.</exception>
    public static int FromTaskId(string id)
    {
        var match = IdPattern().Match(id ?? "");
        return match.Success && int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) is >= 1 and <= 10 and var category
            ? category
            : throw new InvalidDataException($"Task id '{id}' does not name a category: ids look like task1_1 … task10_30.");
    }

    [GeneratedRegex("^task([0-9]{1,2})_")]
    private static partial Regex IdPattern();
}
