using System.Text.Encodings.Web;
using System.Text.Json;
using ClinicalAgent.Evaluation.Runners;

namespace ClinicalAgent.Evaluation.Export;

/// <summary>
/// Turns benchmark runs into tuning data (ETO-style trajectory pairs): for each task, its passing and failing tries
/// over every run and repeat given. DPO pairs each failing trajectory with a passing one of the same task (the
/// oracle's where no run passed it); SFT writes each distinct passing trajectory (the oracle's where none passed).
/// Trajectories are the transcripts the runs recorded, in the agent's own protocol; the prompt is what came before
/// the model's first reply (system prompt with tools block, and the question), and a pair is made only where both
/// trajectories had the same prompt.
/// </summary>
public static class TrajectoryExporter
{
    private static readonly JsonSerializerOptions Line = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the lines to <paramref name="output"/>, one JSON object each.</summary>
    /// <exception cref="ArgumentException">A margin filter without margins.</exception>
    public static ExportSummary Write(ExportRequest request, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        if (request.MinMargin is not null && request.Margins is null)
            throw new ArgumentException("A margin filter needs the judge's margins.", nameof(request));

        var tries = request.Runs.SelectMany(run => run.SelectMany(repeat => repeat)).ToList();
        var withoutTranscript = tries.Count(t => t.Transcript is not { Count: > 0 });
        var errored = tries.Count(t => t.Transcript is { Count: > 0 } && t.StoppedReason == "error");
        var oracle = (request.Oracle ?? []).Where(r => r.Passed && r.Transcript is { Count: > 0 }).GroupBy(r => r.TaskId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Trajectory.Of(g.First()), StringComparer.Ordinal);
        int lines = 0, tasks = 0, fromOracle = 0, noPassing = 0, belowMargin = 0;
        foreach (var task in tries.Where(t => t.Transcript is { Count: > 0 } && t.StoppedReason != "error")
                     .Where(t => request.Categories is not { Count: > 0 } categories || categories.Contains(t.Category))
                     .GroupBy(t => t.TaskId, StringComparer.Ordinal))
        {
            if (request.MinMargin is { } min && !(request.Margins!.TryGetValue(task.Key, out var margin) && margin >= min))
            {
                belowMargin++;
                continue;
            }

            var passing = Distinct(task.Where(t => t.Passed).Select(Trajectory.Of));
            var failing = Distinct(task.Where(t => !t.Passed).Select(Trajectory.Of));
            var oracleUsed = false;
            if (passing.Count == 0 && oracle.TryGetValue(task.Key, out var reference))
            {
                passing = [reference];
                oracleUsed = true;
            }

            var written = request.Format == ExportFormat.Dpo ? WritePairs(output, passing, failing) : WriteConversations(output, passing);
            if (passing.Count == 0 && failing.Count > 0)
                noPassing++;
            if (written > 0)
            {
                tasks++;
                lines += written;
                fromOracle += oracleUsed ? written : 0;
            }
        }

        return new ExportSummary(lines, tasks, fromOracle, withoutTranscript, errored, noPassing, belowMargin);
    }

    /// <summary>Each failing trajectory against a passing one with the same prompt, the passing ones taken in turn.</summary>
    private static int WritePairs(TextWriter output, IReadOnlyList<Trajectory> passing, IReadOnlyList<Trajectory> failing)
    {
        var written = 0;
        foreach (var rejected in failing)
        {
            var matching = passing.Where(p => p.SamePrompt(rejected)).ToList();
            if (matching.Count == 0)
                continue;
            var chosen = matching[written % matching.Count];
            output.WriteLine(JsonSerializer.Serialize(new DpoLine(chosen.Prompt, chosen.Completion, rejected.Completion), Line));
            written++;
        }

        return written;
    }

    private static int WriteConversations(TextWriter output, IReadOnlyList<Trajectory> passing)
    {
        foreach (var trajectory in passing)
            output.WriteLine(JsonSerializer.Serialize(new SftLine([.. trajectory.Prompt, .. trajectory.Completion]), Line));
        return passing.Count;
    }

    /// <summary>Identical trajectories (a deterministic agent's repeats) count once.</summary>
    private static List<Trajectory> Distinct(IEnumerable<Trajectory> trajectories)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. trajectories.Where(t => seen.Add(t.Key))];
    }

    /// <summary>A transcript split into its prompt and the model's continuation.</summary>
    private sealed record Trajectory(IReadOnlyList<ExportMessage> Prompt, IReadOnlyList<ExportMessage> Completion, string Key)
    {
        public static Trajectory Of(TaskResult result)
        {
            var messages = result.Transcript!.Select(m => new ExportMessage(m.Role, m.Content)).ToList();
            var firstReply = messages.FindIndex(m => m.Role == "assistant");
            var split = firstReply < 0 ? messages.Count : firstReply;
            return new Trajectory(messages[..split], messages[split..], JsonSerializer.Serialize(messages));
        }

        public bool SamePrompt(Trajectory other) => Prompt.SequenceEqual(other.Prompt);
    }
}
