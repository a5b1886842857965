using System.Text.Json;
using ClinicalAgent.Agent.Runtime;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace ClinicalAgent.Agent.Tests.Runtime;

public sealed class ReplyParserTests
{
    [Fact]
    public void Parse_SingleCall_ReturnsCallWithArgumentsAndFreshId()
    {
        var reply = """{"tool_calls": [{"name": "add", "arguments": {"a": 1, "b": 2}}]}""";

        var parsed = ReplyParser.Parse(reply, SampleTools.All);

        var call = Assert.Single(parsed.Calls);
        Assert.Null(parsed.Text);
        Assert.Null(parsed.Thinking);
        Assert.Equal("add", call.Name);
        Assert.Matches("^call_[0-9a-f]{8}$", call.CallId);
        Assert.Equal(1, ((JsonElement)call.Arguments!["a"]!).GetInt32());
        Assert.Equal(2, ((JsonElement)call.Arguments["b"]!).GetInt32());
    }

    [Fact]
    public void Parse_LoneSurrogateEscape_IsAFormatErrorNotACrash()
    {
        var tool = AIFunctionFactory.Create((string q) => q, "search_notes");

        var error = Assert.Throws<ReplyFormatException>(() =>
            ReplyParser.Parse("""{"tool_calls": [{"name": "search_notes", "arguments": {"q": "a\ud83d"}}]}""", [tool]));

        Assert.Contains("not valid text", error.Message);
    }

    [Fact]
    public void Parse_ArgumentValues_StringsAndNullsPlainOthersJsonElements()
    {
        var reply = """{"tool_calls": [{"name": "get_observations", "arguments": {"patientId": "p1", "codes": ["a"], "range": null, "filters": [], "since": "2024-01-01"}}]}""";

        var arguments = ReplyParser.Parse(reply, SampleTools.All).Calls[0].Arguments!;

        Assert.Equal("p1", arguments["patientId"]);
        Assert.Equal("2024-01-01", arguments["since"]);
        Assert.Null(arguments["range"]);
        Assert.Equal(JsonValueKind.Array, Assert.IsType<JsonElement>(arguments["codes"]).ValueKind);
    }

    [Fact]
    public void Parse_MultipleCalls_ReturnsAllInOrderWithDistinctIds()
    {
        var reply = """ {"tool_calls": [{"name": "now", "arguments": {}}, {"name": "add", "arguments": {"a": 3, "b": 4}}, {"name": "now"}]} """;

        var parsed = ReplyParser.Parse(reply, SampleTools.All);

        Assert.Equal(["now", "add", "now"], parsed.Calls.Select(c => c.Name));
        Assert.Equal(3, parsed.Calls.Select(c => c.CallId).Distinct().Count());
        Assert.Empty(parsed.Calls[2].Arguments!);
    }

    [Fact]
    public void Parse_PlainText_ReturnsTrimmedText()
    {
        var parsed = ReplyParser.Parse("  Potassium is 5.1 mmol/L {high}.\n", SampleTools.All);

        Assert.Equal("Potassium is 5.1 mmol/L {high}.", parsed.Text);
        Assert.Empty(parsed.Calls);
    }

    [Fact]
    public void Parse_MedGemmaThought_MovesItToThinking()
    {
        var reply = "<unused94>thought\nThe sum needs a tool.<unused95>" + """{"tool_calls": [{"name": "add", "arguments": {"a": 1, "b": 2}}]}""";

        var parsed = ReplyParser.Parse(reply, SampleTools.All);

        Assert.Equal("The sum needs a tool.", parsed.Thinking);
        Assert.Equal("add", Assert.Single(parsed.Calls).Name);
    }

    [Fact]
    public void Parse_ThinkTagsAndText_SplitsThinkingFromAnswer()
    {
        var parsed = ReplyParser.Parse("<think>first</think>The answer<think>second</think> is 3.", []);

        Assert.Equal("first\n\nsecond", parsed.Thinking);
        Assert.Equal("The answer is 3.", parsed.Text);
    }

    [Fact]
    public void Parse_UnclosedThought_TreatsTheRestAsThinking()
    {
        var parsed = ReplyParser.Parse("<unused94>thought\nStill thinking when tokens ran out", SampleTools.All);

        Assert.Equal("Still thinking when tokens ran out", parsed.Thinking);
        Assert.Null(parsed.Text);
        Assert.Empty(parsed.Calls);
    }

    [Fact]
    public void Parse_UnknownTool_ThrowsNamingTheToolAndTheOfferedOnes()
    {
        var reply = """{"tool_calls": [{"name": "delete_patient", "arguments": {}}]}""";

        var exception = Assert.Throws<ReplyFormatException>(() => ReplyParser.Parse(reply, SampleTools.All));

        Assert.Contains("'delete_patient'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("find_patients", exception.Message, StringComparison.Ordinal);
        Assert.Equal(reply, exception.Reply);
    }

    [Theory]
    [InlineData("""{"tool_calls": [{"name": "add", "arguments": {"a": 1,""", "not valid JSON")]
    [InlineData("""{"answer": 1}""", "tool_calls")]
    [InlineData("""{"tool_calls": []}""", "at least one call")]
    [InlineData("""{"tool_calls": [{"arguments": {}}]}""", "\"name\"")]
    [InlineData("""{"tool_calls": [{"name": "add", "arguments": [1, 2]}]}""", "must be a JSON object")]
    [InlineData("""{"tool_calls": [{"name": "add", "arguments": {}}]} trailing""", "not valid JSON")]
    public void Parse_MalformedCall_ThrowsReplyFormatException(string reply, string expected)
    {
        var exception = Assert.Throws<ReplyFormatException>(() => ReplyParser.Parse(reply, SampleTools.All));

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parse_ArgumentsOfRealMethods_InvokeTheAIFunction()
    {
        var reply = """{"tool_calls": [{"name": "get_observations", "arguments": {"patientId": "p1", "codes": ["2823-3", "718-7"], "range": {"low": 3.5, "high": null, "unit": "mmol/L"}, "filters": [{"system": "http://loinc.org", "code": "2823-3"}], "since": "2024-01-31", "window": "1.00:00:00"}}, {"name": "find_patients", "arguments": {"name": "Ann", "sex": "Female", "bornAfter": "1980-05-01T00:00:00Z"}}]}""";
        var parsed = ReplyParser.Parse(reply, SampleTools.All);

        var observations = await SampleTools.GetObservationsTool.InvokeAsync(new AIFunctionArguments(parsed.Calls[0].Arguments));
        var patients = await SampleTools.FindPatientsTool.InvokeAsync(new AIFunctionArguments(parsed.Calls[1].Arguments));

        Assert.Equal("p1|2823-3,718-7|3.5-mmol/L|1|01/31/2024|1.00:00:00", ((JsonElement)observations!).GetString());
        Assert.Equal("Ann|Female|1980-05-01|10", ((JsonElement)patients!).GetString());
    }

    [Fact]
    public async Task Parse_Arguments_InvokeASemanticKernelFunction()
    {
        var kernel = new Kernel();
        var function = KernelFunctionFactory.CreateFromMethod(SampleTools.FindPatients, "find_patients");
        var parsed = ReplyParser.Parse("""{"tool_calls": [{"name": "find_patients", "arguments": {"name": "Bo", "sex": "Male", "limit": 2}}]}""", [function]);

        var result = await function.InvokeAsync(kernel, new KernelArguments(parsed.Calls[0].Arguments!));

        Assert.Equal("Bo|Male|-|2", result.GetValue<string>());
    }
}
