namespace ClinicalAgent.Evaluation.Grading.Official;

/// <summary>One turn of an episode's history as the official graders see it.</summary>
/// <param name="Role"><c>agent</c> (the model) or <c>user</c> (the harness: GET responses, "POST request accepted").</param>
/// <param name="Content">The turn's text, raw.</param>
public sealed record HistoryTurn(string Role, string Content)
{
    /// <summary>The harness's reply to a POST whose body parsed, word for word; the graders count a POST by it.</summary>
    public const string PostAccepted =
        "POST request accepted and executed successfully. Please call FINISH if you have got answers for all the questions and finished all the requested tasks";

    /// <summary>A model turn.</summary>
    public static HistoryTurn Agent(string content) => new("agent", content);

    /// <summary>A harness turn.</summary>
    public static HistoryTurn User(string content) => new("user", content);
}
