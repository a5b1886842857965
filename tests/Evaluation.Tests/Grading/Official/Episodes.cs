using System.Text.Json.Nodes;
using ClinicalAgent.Evaluation.Grading.Official;
using ClinicalAgent.Evaluation.Tasks;

namespace ClinicalAgent.Evaluation.Tests.Grading.Official;

/// <summary>Hand-made MedAgentBench histories: raw <c>POST url\n{json}</c> turns answered "POST request accepted",
/// GETs, and a final <c>FINISH([...])</c>; payloads start official-correct and change one field at a time.</summary>
internal static class Episodes
{
    public const string Base = "http://localhost:8080/fhir/";

    /// <summary>A MedAgentBench task: no <c>now</c> (so the fixed NOW), no expected outcome.</summary>
    public static BenchTask Task(int category, string? mrn, IReadOnlyList<System.Text.Json.JsonElement>? sol = null) =>
        new($"task{category}_1", "instruction", "context", sol, mrn);

    /// <summary>The model's turns; each POST whose body parses gets the harness's acceptance, a GET a bundle, as in the original harness.</summary>
    public static OfficialEpisode Of(params string[] agentTurns)
    {
        var turns = new List<HistoryTurn> { HistoryTurn.User("You are an expert in using FHIR functions ... (the task prompt; it mentions POST too)") };
        foreach (var content in agentTurns)
        {
            turns.Add(HistoryTurn.Agent(content));
            if (content.StartsWith("POST", StringComparison.Ordinal))
                turns.Add(HistoryTurn.User(Parses(content) ? HistoryTurn.PostAccepted : "Invalid POST request"));
            else if (content.StartsWith("GET", StringComparison.Ordinal))
                turns.Add(HistoryTurn.User("Here is the response from the GET request:\n{\"resourceType\": \"Bundle\"}"));
        }

        return OfficialEpisode.FromHistory(turns);
    }

    public static string Post(string resource, string json) => $"POST {Base}{resource}\n{json}";

    public static string Finish(string list) => $"FINISH({list})";

    /// <summary>The JSON text with one change made to it.</summary>
    public static string With(string json, Action<JsonNode> change)
    {
        var node = JsonNode.Parse(json)!;
        change(node);
        return node.ToJsonString();
    }

    private static bool Parses(string content)
    {
        try
        {
            _ = JsonNode.Parse(string.Join('\n', content.Split('\n').Skip(1)));
            return true;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }
}
