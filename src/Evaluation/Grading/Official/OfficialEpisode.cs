using System.Text.Json;
using ClinicalAgent.Evaluation.Runners;

namespace ClinicalAgent.Evaluation.Grading.Official;

/// <summary>
/// What the official graders are given about one episode: the history of turns and <c>result</c>, the text inside
/// the final <c>FINISH(...)</c> (null when the episode never finished, which the official harness never grades as a
/// pass).
/// </summary>
/// <param name="History">The turns in order.</param>
/// <param name="Result">The FINISH argument text, as the harness cut it out.</param>
public sealed record OfficialEpisode(IReadOnlyList<HistoryTurn> History, string? Result)
{
    /// <summary>An episode from raw turns: <c>result</c> is cut from the last model turn when it is a FINISH.</summary>
    public static OfficialEpisode FromHistory(IReadOnlyList<HistoryTurn> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var last = history.LastOrDefault(t => t.Role == "agent");
        return new OfficialEpisode(history, last is null ? null : FinishArgument(last.Content));
    }

    /// <summary>
    /// The episode of one of our runs. Protocol mode replays its steps as the turns the model wrote; with our typed
    /// tools every recorded write is a POST to <paramref name="fhirBase"/> + its type that the harness accepted (the
    /// tools answer "recorded"), as the typed-tool v2 agent is graded, and the answer list is the FINISH.
    /// </summary>
    public static OfficialEpisode FromRun(TaskRun run, string fhirBase)
    {
        ArgumentNullException.ThrowIfNull(run);
        var protocol = run.Steps.Any(s => s.Kind is "get" or "post" or "finish" or "invalid") && run.Posts.All(p => p.Url is not null);
        return protocol ? FromProtocolRun(run) : FromToolRun(run, fhirBase);
    }

    /// <summary>The harness's cut: the reply without code fences, from <c>FINISH(</c> to the last character.</summary>
    internal static string? FinishArgument(string content)
    {
        var reply = content.Trim().Replace("```tool_code", "", StringComparison.Ordinal).Replace("```", "", StringComparison.Ordinal).Trim();
        return reply.StartsWith("FINISH(", StringComparison.Ordinal) ? reply["FINISH(".Length..^1] : null;
    }

    private static OfficialEpisode FromProtocolRun(TaskRun run)
    {
        var turns = new List<HistoryTurn>();
        foreach (var step in run.Steps)
        {
            switch (step.Kind)
            {
                case "get":
                    turns.Add(HistoryTurn.Agent($"GET {step.Name}"));
                    turns.Add(HistoryTurn.User(step.Error is null ? "(response)" : $"Error in sending the GET request: {step.Error}"));
                    break;
                case "post":
                    turns.Add(HistoryTurn.Agent($"POST {step.Name}\n{step.Arguments}"));
                    turns.Add(HistoryTurn.User(HistoryTurn.PostAccepted));
                    break;
                case "invalid" when step.Name is not null:
                    // A POST whose body did not parse: a POST turn the harness did not accept.
                    turns.Add(HistoryTurn.Agent($"POST {step.Name}\n{step.Arguments}"));
                    turns.Add(HistoryTurn.User("Invalid POST request"));
                    break;
                case "invalid" or "finish":
                    turns.Add(HistoryTurn.Agent(run.AnswerText));
                    break;
            }
        }

        return FromHistory(turns);
    }

    private static OfficialEpisode FromToolRun(TaskRun run, string fhirBase)
    {
        var turns = new List<HistoryTurn>();
        foreach (var post in run.Posts)
        {
            turns.Add(HistoryTurn.Agent($"POST {post.Url ?? fhirBase + post.ResourceType}\n{post.Body.GetRawText()}"));
            turns.Add(HistoryTurn.User(HistoryTurn.PostAccepted));
        }

        // The typed finish tool hands over the list itself; a run that never answered has no FINISH.
        var answered = run.Answer is not null && run.StoppedReason is not ("step_limit" or "error" or "invalid_action");
        if (answered)
            turns.Add(HistoryTurn.Agent("FINISH(" + JsonSerializer.Serialize(run.Answer) + ")"));
        return new OfficialEpisode(turns, answered ? JsonSerializer.Serialize(run.Answer) : null);
    }
}
