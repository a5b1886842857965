using System.Text.Json;
using ClinicalAgent.Evaluation.Tasks;

namespace ClinicalAgent.Evaluation.Grading.Official;

/// <summary>One task's episode with what the official graders read besides it: NOW, the FHIR base the POST URLs
/// are compared with, and the store.</summary>
internal sealed record OfficialCase(BenchTask Task, OfficialEpisode Episode, OfficialClock Clock, string FhirBase, OfficialStore Store)
{
    /// <summary><c>task&lt;category&gt;</c>, the prefix of every rule name.</summary>
    public string Name => $"task{Task.Category}";

    /// <summary><c>case_data['eval_MRN']</c>; absent (a not-found task) raises.</summary>
    public string Mrn => Task.EvalMrn ?? throw new PyError("KeyError: 'eval_MRN'");

    /// <summary><c>{'reference': f"Patient/{eval_MRN}"}</c>.</summary>
    public JsonElement Subject => JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["reference"] = $"Patient/{Mrn}" });

    public bool HasPost => OfficialPosts.HasPost(Episode.History);

    public IReadOnlyList<OfficialPost> Posts => OfficialPosts.Accepted(Episode.History);

    /// <summary>The decision on the answer: <c>ref_sol == json.loads(result)</c>, or also <c>[] == ...</c> where the
    /// grader says "we only ask the model to check".</summary>
    public OfficialDecision Answer(IReadOnlyList<JsonElement> refSol, bool emptyAccepted)
    {
        var expected = JsonSerializer.SerializeToElement(refSol);
        var shown = AnswerRules.Show(expected);
        if (Episode.Result is null)
            return OfficialDecision.Fail($"{Name}.finished", "the episode has no FINISH, and the official harness grades only finished episodes.");
        JsonElement answer;
        try
        {
            answer = PyJson.Loads(Episode.Result);
        }
        catch (PyError error)
        {
            return OfficialDecision.Fail($"{Name}.answer", $"json.loads(result) raises {error.Message} (result {Episode.Result}).");
        }

        if (PyJson.Equal(expected, answer))
            return OfficialDecision.Pass($"{Name}.answer", $"the answer {AnswerRules.Show(answer)} == ref_sol {shown}.");
        if (emptyAccepted && answer.ValueKind == JsonValueKind.Array && answer.GetArrayLength() == 0)
            return OfficialDecision.Pass($"{Name}.empty-answer", $"[] is accepted (\"we only ask the model to check\"); ref_sol was {shown}.");
        return OfficialDecision.Fail($"{Name}.answer", $"the answer {AnswerRules.Show(answer)} != ref_sol {shown}{(emptyAccepted ? " (nor [])" : "")}.");
    }

    /// <summary>The no-POST rule of the query categories and the no-action branches.</summary>
    public OfficialDecision? NoPost(string why) => HasPost
        ? OfficialDecision.Fail($"{Name}.no-post", $"a model turn contains POST, and {why}.")
        : null;

    /// <summary>A literal of the grader's code as a value.</summary>
    public static JsonElement Literal(object value) => JsonSerializer.SerializeToElement(value);
}
