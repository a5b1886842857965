using ClinicalAgent.Agent.Runtime;
using ClinicalAgent.Agent.Runtime.Prompting;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Agent.Tests.Runtime.Prompting;

public sealed class GemmaPromptFormatterTests
{
    private readonly GemmaPromptFormatter _formatter = new();

    [Fact]
    public void Format_SystemAndUser_FoldsSystemIntoFirstUserTurn()
    {
        ChatMessage[] messages = [new(ChatRole.System, "You are a clinician."), new(ChatRole.User, "Hi")];

        var text = _formatter.Format(messages);

        Assert.Equal("<start_of_turn>user\nYou are a clinician.\n\nHi<end_of_turn>\n<start_of_turn>model\n", text);
    }

    [Fact]
    public void Format_JsonTools_RendersToolsBlockAfterSystemBeforeUser()
    {
        ChatMessage[] messages = [new(ChatRole.System, "SYSTEM"), new(ChatRole.User, "USER")];

        var text = new GemmaPromptFormatter(ToolDeclarationStyle.Json).Format(messages, SampleTools.All);

        var system = text.IndexOf("SYSTEM", StringComparison.Ordinal);
        var tools = text.IndexOf("{\"name\": \"find_patients\", \"description\": \"Find patients by name and demographics.\", \"parameters\": {\"type\": \"object\"", StringComparison.Ordinal);
        var user = text.IndexOf("USER", StringComparison.Ordinal);
        Assert.True(system >= 0 && system < tools && tools < user, text);
        Assert.Contains("{\"tool_calls\": [{\"name\": \"<tool name>\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", text, StringComparison.Ordinal);
        Assert.Single(AllIndexes(text, "<start_of_turn>user"));
    }

    [Fact]
    public void Format_CallsAndResults_RendersProtocolJsonAndAlternatesTurns()
    {
        ChatMessage[] messages =
        [
            new(ChatRole.User, "Add 1 and 2, and tell the time."),
            new(ChatRole.Assistant, [
                new FunctionCallContent("c1", "add", new Dictionary<string, object?> { ["a"] = 1, ["b"] = 2 }),
                new FunctionCallContent("c2", "now", new Dictionary<string, object?>())]),
            new(ChatRole.Tool, [new FunctionResultContent("c1", 3)]),
            new(ChatRole.Tool, [new FunctionResultContent("c2", "{\"time\": \"noon\"}")]),
            new(ChatRole.User, "Thanks."),
        ];

        var text = _formatter.Format(messages);

        Assert.Equal(
            "<start_of_turn>user\nAdd 1 and 2, and tell the time.<end_of_turn>\n"
            + "<start_of_turn>model\n{\"tool_calls\": [{\"name\": \"add\", \"arguments\": {\"a\": 1, \"b\": 2}}, {\"name\": \"now\", \"arguments\": {}}]}<end_of_turn>\n"
            + "<start_of_turn>user\n{\"tool_results\": [{\"call_id\": \"c1\", \"name\": \"add\", \"result\": 3}, {\"call_id\": \"c2\", \"name\": \"now\", \"result\": {\"time\": \"noon\"}}]}\n\nThanks.<end_of_turn>\n"
            + "<start_of_turn>model\n",
            text);
    }

    [Fact]
    public void Format_ResultKinds_RenderAsJsonValuesOrStrings()
    {
        ChatMessage[] messages =
        [
            new(ChatRole.Assistant, [new FunctionCallContent("c1", "find_patients", new Dictionary<string, object?> { ["name"] = "Ann" })]),
            new(ChatRole.Tool, [
                new FunctionResultContent("c1", "No patient \"Ann\" found.\nTry another name."),
                new FunctionResultContent("c9", new SampleTools.CodeFilter("loinc", "2823-3")),
                new FunctionResultContent("c1", null) { Exception = new InvalidOperationException("store offline") },
                new FunctionResultContent("c1", null)]),
        ];

        var text = _formatter.Format(messages);

        Assert.Contains(
            "{\"tool_results\": [{\"call_id\": \"c1\", \"name\": \"find_patients\", \"result\": \"No patient \\\"Ann\\\" found.\\nTry another name.\"}, "
            + "{\"call_id\": \"c9\", \"name\": null, \"result\": {\"system\": \"loinc\", \"code\": \"2823-3\"}}, "
            + "{\"call_id\": \"c1\", \"name\": \"find_patients\", \"result\": {\"error\": \"store offline\"}}, "
            + "{\"call_id\": \"c1\", \"name\": \"find_patients\", \"result\": null}]}",
            text,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Format_ConsecutiveUserSideMessages_MergeIntoOneTurn()
    {
        ChatMessage[] messages = [new(ChatRole.User, "one"), new(ChatRole.User, "two"), new(ChatRole.Assistant, "ok"), new(ChatRole.Assistant, "more")];

        var text = _formatter.Format(messages);

        Assert.Equal("<start_of_turn>user\none\n\ntwo<end_of_turn>\n<start_of_turn>model\nok\n\nmore<end_of_turn>\n<start_of_turn>model\n", text);
    }

    [Fact]
    public void Format_SameInput_GivesSameText()
    {
        var messages = Conversation();

        var first = _formatter.Format(messages, SampleTools.All);
        var second = new GemmaPromptFormatter().Format(Conversation(), SampleTools.All);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Format_ConversationContinued_KeepsEarlierRenderingAsPrefix()
    {
        var messages = Conversation();

        for (var n = 2; n + 2 <= messages.Count; n += 2)
        {
            var shorter = _formatter.Format(messages.Take(n).ToList(), SampleTools.All);
            var longer = _formatter.Format(messages.Take(n + 2).ToList(), SampleTools.All);

            var prefix = shorter[..^GemmaPromptFormatter.GenerationPrompt.Length];
            Assert.EndsWith(GemmaPromptFormatter.GenerationPrompt, shorter, StringComparison.Ordinal);
            Assert.StartsWith(prefix, longer, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Format_PastCallParsedBack_RoundTripsThroughTheParser()
    {
        var call = new FunctionCallContent("c1", "find_patients", new Dictionary<string, object?> { ["name"] = "Ann", ["sex"] = "Female", ["limit"] = 3 });

        var rendered = GemmaPromptFormatter.FormatToolCalls([call]);
        var parsed = ReplyParser.Parse(rendered, SampleTools.All);

        Assert.Equal(rendered, GemmaPromptFormatter.FormatToolCalls(parsed.Calls));
    }

    /// <summary>system, user, (model call, tool result) x2, model answer, user: every even prefix
    /// ends on the user side, as it does when the runtime asks for the next model turn.</summary>
    private static List<ChatMessage> Conversation() =>
    [
        new(ChatRole.System, "You are a clinician."),
        new(ChatRole.User, "Latest potassium for Ann?"),
        new(ChatRole.Assistant, [new FunctionCallContent("c1", "find_patients", new Dictionary<string, object?> { ["name"] = "Ann", ["limit"] = 1 })]),
        new(ChatRole.Tool, [new FunctionResultContent("c1", new[] { new { id = "Patient/p1", name = "Ann Lee" } })]),
        new(ChatRole.Assistant, [new FunctionCallContent("c2", "get_observations", new Dictionary<string, object?> { ["patientId"] = "p1", ["codes"] = new[] { "2823-3" } })]),
        new(ChatRole.Tool, [new FunctionResultContent("c2", "[{\"id\": \"Observation/o1\", \"value\": 5.1}]")]),
        new(ChatRole.Assistant, "Potassium 5.1 mmol/L (Observation/o1)."),
        new(ChatRole.User, "Is that high?"),
    ];

    private static IEnumerable<int> AllIndexes(string text, string value)
    {
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            yield return i;
        }
    }
}
