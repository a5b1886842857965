using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Bench.Batching;

/// <summary>
/// One fixed, agent-shaped task: a long shared preamble (standing in for the system prompt and tool declarations), a
/// question of its own, then <c>turns</c> model calls, each a JSON tool call forced by a schema and followed by a tool
/// result, so later calls reuse the conversation's cache and evaluate only what was appended, as the agent loop does.
/// </summary>
internal static class AgentLikeTask
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>About 600 Gemma tokens every task shares, so the first evaluation is forked by the rest.</summary>
    public static readonly string Preamble = "You are a clinical assistant working over a FHIR record. Answer with one tool call at a time.\n" +
        string.Join('\n', Enumerable.Range(0, 24).Select(i => string.Create(Inv,
            $"Tool get_observations_{i}: reads laboratory observations of a patient by LOINC code, newest first; arguments patient (id), code (LOINC), since (date).")));

    /// <summary>The reply's shape: a tool name from a short list and two short string arguments.</summary>
    public static readonly ChatResponseFormat Format = ChatResponseFormat.ForJsonSchema(JsonDocument.Parse("""
        {"type":"object","properties":{
          "tool":{"type":"string","enum":["get_observations","get_conditions","get_medications","find_patient"]},
          "patient":{"type":"string","maxLength":10},
          "code":{"type":"string","maxLength":8}},
         "required":["tool","patient","code"],"additionalProperties":false}
        """).RootElement, "tool_call");

    /// <summary>Runs task <paramref name="index"/> to the end; its counts go to <paramref name="figures"/>.</summary>
    public static async Task RunAsync(IChatClient client, int index, int turns, TaskFigures figures, CancellationToken cancellationToken)
    {
        List<ChatMessage> history =
        [
            new(ChatRole.System, Preamble),
            new(ChatRole.User, string.Create(Inv, $"Patient S{index:0000}: what was the last potassium value, and is it out of range?")),
        ];
        for (var turn = 0; turn < turns; turn++)
        {
            var options = new ChatOptions { ResponseFormat = Format, Seed = 1000 + index * 10 + turn, MaxOutputTokens = 64, Temperature = 0.7f };
            var response = await client.GetResponseAsync(history, options, cancellationToken).ConfigureAwait(false);
            figures.Add(response.Usage!);
            history.AddRange(response.Messages);
            history.Add(new ChatMessage(ChatRole.User, string.Create(Inv,
                $"Tool result: {{\"resourceType\":\"Observation\",\"id\":\"obs-{index}-{turn}\",\"code\":\"2823-3\",\"value\":{4.1 + turn * 0.2:0.0},\"unit\":\"mmol/L\",\"effective\":\"2023-11-1{turn}\"}}")));
        }
    }
}
