using System.Globalization;
using System.Text.Json;
using ClinicalAgent.Evaluation.Grading;
using ClinicalAgent.Evaluation.Runners;
using ClinicalAgent.Evaluation.Tasks;

namespace ClinicalAgent.Evaluation.Explaining;

/// <summary>
/// Names the <see cref="DecisionKind"/> of a substitution by comparing the run's decision with the oracle's: the
/// arguments that differ on a shared tool (patient before code before time before number), the tool the oracle called
/// where the run did something else, or how two answers differ.
/// </summary>
internal static class DecisionClassifier
{
    private static readonly HashSet<string> PatientKeys = new(StringComparer.Ordinal) { "patient_id", "mrn", "given", "family", "birthdate", "name" };
    private static readonly HashSet<string> CodeKeys = new(StringComparer.Ordinal) { "code", "system", "medication", "kind", "category" };
    private static readonly HashSet<string> DateKeys = new(StringComparer.Ordinal) { "since", "until", "latest_only", "occurrence", "date", "when" };

    public static string Classify(Substitution substitution, BenchTask task)
    {
        var (oracle, run) = (substitution.Oracle, substitution.Run);
        if (oracle.IsAnswer)
        {
            return run is null ? DecisionKind.FinalAnswerFormat
                : run.IsAnswer ? CompareAnswers(run.AnswerText, oracle.AnswerText, task)
                : FailureAnalysis.IsWrite(run.Tool) ? DecisionKind.PayloadField : DecisionKind.FinalAnswerFormat;
        }

        if (run is null || run.IsAnswer || run.Tool != oracle.Tool)
            return ByTool(oracle.Tool!);
        var keys = FailureAnalysis.DifferingKeys(oracle.ArgumentsJson, run.ArgumentsJson);
        if (keys.Any(PatientKeys.Contains))
            return DecisionKind.PatientLookup;
        if (keys.Any(CodeKeys.Contains))
            return DecisionKind.CodeChoice;
        if (keys.Any(DateKeys.Contains))
            return DecisionKind.DateWindow;
        if (keys.Any(k => Number(Argument(oracle.ArgumentsJson, k)) is not null))
            return DecisionKind.Arithmetic;
        return FailureAnalysis.IsWrite(oracle.Tool) ? DecisionKind.PayloadField : DecisionKind.CodeChoice;
    }

    /// <summary>The oracle called a tool the run did not call there: what that tool decides.</summary>
    private static string ByTool(string tool) =>
        FailureAnalysis.IsWrite(tool) ? DecisionKind.PayloadField
        : tool is "find_patients" or "get_patient" or "get_patient_overview" ? DecisionKind.PatientLookup
        : DecisionKind.CodeChoice;

    private static string CompareAnswers(string? runText, string? oracleText, BenchTask task)
    {
        var given = AnswerParser.Parse(runText);
        var wanted = AnswerParser.Parse(oracleText);
        if (given is null || wanted is null || given.Count != wanted.Count)
            return DecisionKind.FinalAnswerFormat;
        for (var i = 0; i < wanted.Count; i++)
        {
            var (a, b) = (given[i], wanted[i]);
            if (a.ValueKind != b.ValueKind)
                return DecisionKind.FinalAnswerFormat;
            if (a.GetRawText() == b.GetRawText())
                continue;
            if (b.ValueKind == JsonValueKind.Number)
                return DecisionKind.Arithmetic;
            if (b.ValueKind != JsonValueKind.String)
                return DecisionKind.FinalAnswerFormat;
            var (x, y) = (a.GetString()!, b.GetString()!);
            if (IsDate(x) && IsDate(y))
                return DecisionKind.DateWindow;
            return IsPatient(x, task) || IsPatient(y, task) ? DecisionKind.PatientLookup : DecisionKind.FinalAnswerFormat;
        }

        return DecisionKind.FinalAnswerFormat;
    }

    private static bool IsPatient(string value, BenchTask task) =>
        value == CaseBuilder.PatientNotFound || value == task.EvalMrn || (task.Inputs is { } inputs && inputs.Values.Contains(value))
        || (value.Length is > 3 and < 20 && char.IsLetter(value[0]) && value.Skip(1).All(char.IsDigit));

    private static bool IsDate(string value) => DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static string? Argument(string? json, string key)
    {
        if (string.IsNullOrWhiteSpace(json))
            return null;
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(key, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;
    }

    /// <summary>The leading number of a value like <c>20 mEq</c> or <c>2.5</c>; null for anything else (<c>120/80</c>).</summary>
    private static decimal? Number(string? value)
    {
        if (value is null)
            return null;
        var parts = value.Trim().Split(' ', 2);
        return decimal.TryParse(parts[0], NumberStyles.Number, CultureInfo.InvariantCulture, out var number) && (parts.Length == 1 || parts[1].All(char.IsLetter))
            ? number : null;
    }
}
