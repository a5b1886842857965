using System.Text.Json;

namespace ClinicalAgent.Evaluation.Runners;

/// <summary>
/// Finds where a failed run left the oracle's path: the first oracle tool call the run never made in order (naming
/// the run's nearest call and the argument that differs), else a write the oracle did not make, else the answer.
/// </summary>
internal static class FailureAnalysis
{
    private static readonly HashSet<string> WriteTools = new(StringComparer.Ordinal) { "record_vital_sign", "order_medication", "order_service", "create_note" };

    /// <summary>Whether <paramref name="tool"/> proposes a write.</summary>
    public static bool IsWrite(string? tool) => tool is not null && WriteTools.Contains(tool);

    /// <summary>One sentence saying which call and which argument departed from the oracle.</summary>
    public static string FirstDeparture(IReadOnlyList<BenchStep> run, IReadOnlyList<BenchStep> oracle, IReadOnlyList<string> failures) =>
        Locate(run, oracle, failures).Text;

    /// <summary>The first departure as the sentence and the 0-based index among the run's tool calls it points at; the
    /// count of calls stands for the final answer (or for "no further call"). <c>bench explain</c> sets it beside the
    /// decisive step.</summary>
    public static (int Call, string Text) Locate(IReadOnlyList<BenchStep> run, IReadOnlyList<BenchStep> oracle, IReadOnlyList<string> failures)
    {
        var calls = run.Where(s => s.Kind == "tool").ToList();
        var reference = oracle.Where(s => s.Kind == "tool").ToList();
        var position = 0;
        for (var i = 0; i < reference.Count; i++)
        {
            var want = reference[i];
            var found = calls.FindIndex(position, c => c.Name == want.Name && Differences(want.Arguments, c.Arguments).Count == 0);
            if (found >= 0)
            {
                position = found + 1;
                continue;
            }

            var sameTool = calls.FindIndex(position, c => c.Name == want.Name);
            if (sameTool >= 0)
            {
                var diff = Differences(want.Arguments, calls[sameTool].Arguments);
                return (sameTool, $"Call {sameTool + 1}: {want.Name} with {string.Join("; ", diff)} (the oracle's call {i + 1}).");
            }

            var instead = position < calls.Count ? $"; at that point it called {Show(calls[position])}" : calls.Count == 0 ? "; it called no tool" : "; it made no further call";
            return (position, $"Never called {Show(want)} (the oracle's call {i + 1}){instead}.");
        }

        var extraWrite = calls.FindIndex(c => c.Name is not null && WriteTools.Contains(c.Name) && !reference.Any(r => r.Name == c.Name && Differences(r.Arguments, c.Arguments).Count == 0));
        if (extraWrite >= 0)
            return (extraWrite, $"Call {extraWrite + 1}: {Show(calls[extraWrite])} is a write the oracle did not make.");
        return (calls.Count, $"Made the oracle's calls; then: {(failures.Count > 0 ? failures[0] : "the answer differs")}");
    }

    /// <summary>The names of the oracle's arguments the run gave differently or left out.</summary>
    public static IReadOnlyList<string> DifferingKeys(string? wanted, string? given)
    {
        var got = Parse(given);
        return [.. Parse(wanted).Where(p => !got.TryGetValue(p.Key, out var actual) || !string.Equals(Normalize(p.Value), Normalize(actual), StringComparison.OrdinalIgnoreCase)).Select(p => p.Key)];
    }

    /// <summary>The oracle's arguments the run gave differently or left out, as <c>'code' '2339-0' instead of '19123-9'</c>.</summary>
    private static List<string> Differences(string? wanted, string? given)
    {
        var want = Parse(wanted);
        var got = Parse(given);
        var differences = new List<string>();
        foreach (var (key, value) in want)
        {
            if (!got.TryGetValue(key, out var actual))
                differences.Add($"'{key}' missing instead of {value}");
            else if (!string.Equals(Normalize(value), Normalize(actual), StringComparison.OrdinalIgnoreCase))
                differences.Add($"'{key}' {actual} instead of {value}");
        }

        return differences;
    }

    private static Dictionary<string, string> Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
            return [];
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.Null).ToDictionary(p => p.Name, p => p.Value.GetRawText())
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string Normalize(string raw) => raw.Trim().Trim('"').Trim();

    private static string Show(BenchStep step) => $"{step.Name}({step.Arguments})";
}
