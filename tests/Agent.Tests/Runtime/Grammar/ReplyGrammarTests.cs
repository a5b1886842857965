using ClinicalAgent.Agent.Runtime.Grammar;
using ClinicalAgent.Agent.Runtime.Prompting;
using Microsoft.Extensions.AI;
using static ClinicalAgent.Agent.Tests.Runtime.Grammar.GrammarAssert;

namespace ClinicalAgent.Agent.Tests.Runtime.Grammar;

public sealed class ReplyGrammarTests
{
    private const string AddCall = """{"tool_calls": [{"name": "add", "arguments": {"a": 1, "b": 2}}]}""";
    private const string FindCall = """{"tool_calls": [{"name": "find_patients", "arguments": {"name": "Ann", "sex": "Female", "bornAfter": "1980-01-01T00:00:00Z"}}]}""";
    private const string TwoCalls = """{"tool_calls": [{"name": "add", "arguments": {"a": 1, "b": 2}}, {"name": "now", "arguments": {}}]}""";

    [Fact]
    public void Build_NoToolsOrNoneMode_ReturnsNull()
    {
        var noTools = ReplyGrammar.Build([], ChatToolMode.Auto, allowMultipleCalls: true);
        var none = ReplyGrammar.Build(SampleTools.All, ChatToolMode.None, allowMultipleCalls: true);

        Assert.Null(noTools);
        Assert.Null(none);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Build_AutoOrNullMode_AcceptsCallsAndFinalAnswers(bool nullMode)
    {
        var gbnf = ReplyGrammar.Build(SampleTools.All, nullMode ? null : ChatToolMode.Auto, allowMultipleCalls: false);

        var grammar = Checked(gbnf!);

        Accepts(grammar, AddCall, FindCall, "The potassium is 5.1 mmol/L.", "A", "Answer with {braces} and\nlines.");
        Rejects(grammar, "", " leading space", "\nThe answer", "{\"answer\": 1}", "{not json");
    }

    [Fact]
    public void Build_CallNames_AreTiedToTheirOwnArguments()
    {
        var grammar = Checked(ReplyGrammar.Build(SampleTools.All, ChatToolMode.RequireAny, allowMultipleCalls: false)!);

        Rejects(
            grammar,
            """{"tool_calls": [{"name": "add", "arguments": {"name": "Ann"}}]}""",
            """{"tool_calls": [{"name": "find_patients", "arguments": {"a": 1, "b": 2}}]}""",
            """{"tool_calls": [{"name": "delete_patient", "arguments": {}}]}""",
            """{"tool_calls": [{"name": "add", "arguments": {"a": 1}}]}""",
            """{"tool_calls": [{"name": "find_patients", "arguments": {"name": "Ann", "sex": "Other"}}]}""");
    }

    [Fact]
    public void Build_RequireAny_AcceptsOnlyCalls()
    {
        var grammar = Checked(ReplyGrammar.Build(SampleTools.All, ChatToolMode.RequireAny, allowMultipleCalls: false)!);

        Accepts(grammar, AddCall, FindCall, """{"tool_calls":[{"name":"now","arguments":{}}]}""");
        Rejects(grammar, "The answer is 3.", "{\"tool_calls\": []}");
    }

    [Fact]
    public void Build_RequireSpecific_AcceptsOnlyThatFunction()
    {
        var grammar = Checked(ReplyGrammar.Build(SampleTools.All, ChatToolMode.RequireSpecific("add"), allowMultipleCalls: true)!);

        Accepts(grammar, AddCall);
        Rejects(grammar, FindCall, TwoCalls, "3");
    }

    [Fact]
    public void Build_RequireSpecificUnknownFunction_ThrowsArgumentException()
    {
        var exception = Assert.Throws<ArgumentException>(() => ReplyGrammar.Build(SampleTools.All, ChatToolMode.RequireSpecific("missing"), allowMultipleCalls: false));

        Assert.Contains("'missing'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_MultipleCalls_AcceptsUpToEightOnlyWhenAllowed()
    {
        var nine = "{\"tool_calls\": [" + string.Join(", ", Enumerable.Repeat("""{"name": "now", "arguments": {}}""", 9)) + "]}";
        var eight = "{\"tool_calls\": [" + string.Join(", ", Enumerable.Repeat("""{"name": "now", "arguments": {}}""", 8)) + "]}";

        var multiple = Checked(ReplyGrammar.Build(SampleTools.All, ChatToolMode.Auto, allowMultipleCalls: true)!);
        var single = Checked(ReplyGrammar.Build(SampleTools.All, ChatToolMode.Auto, allowMultipleCalls: false)!);

        Accepts(multiple, AddCall, TwoCalls, eight);
        Rejects(multiple, nine);
        Accepts(single, AddCall);
        Rejects(single, TwoCalls);
    }

    [Fact]
    public void Build_AllowThinking_AcceptsOneLeadingThoughtSpan()
    {
        var grammar = Checked(ReplyGrammar.Build(SampleTools.All, ChatToolMode.RequireAny, allowMultipleCalls: false, allowThinking: true)!);

        Accepts(grammar, "<unused94>thought\nI need the sum.<unused95>\n" + AddCall, AddCall);
        Rejects(grammar, "<unused94>thought never closed " + AddCall, "<unused94>a<unused95>The answer.");
    }

    [Fact]
    public void Build_ToolNamesThatSanitizeAlike_GetDistinctRules()
    {
        var tools = new AIFunctionDeclaration[]
        {
            AIFunctionFactory.Create((int x) => x, "get.obs/v2"),
            AIFunctionFactory.Create((string y) => y, "get_obs_v2"),
        };

        var grammar = Checked(ReplyGrammar.Build(tools, ChatToolMode.RequireAny, allowMultipleCalls: false)!);

        Accepts(grammar, """{"tool_calls": [{"name": "get.obs/v2", "arguments": {"x": 1}}]}""", """{"tool_calls": [{"name": "get_obs_v2", "arguments": {"y": "s"}}]}""");
        Rejects(grammar, """{"tool_calls": [{"name": "get.obs/v2", "arguments": {"y": "s"}}]}""");
    }

    [Fact]
    public void Build_UnsupportedToolSchema_ThrowsNamingTheTool()
    {
        var tool = AIFunctionFactory.CreateDeclaration(
            "find_patients",
            "Find patients.",
            System.Text.Json.JsonDocument.Parse("""{"type":"object","properties":{"x":{"$ref":"https://example.org/x.json"}}}""").RootElement);

        var exception = Assert.Throws<ToolSchemaException>(() => ReplyGrammar.Build([tool], ChatToolMode.Auto, allowMultipleCalls: false));

        Assert.Equal("Tool 'find_patients': JSON Schema '$ref' to 'https://example.org/x.json' (only references within the schema) at $.properties.x is not supported.", exception.Message);
    }

    [Fact]
    public void EnsureExpressible_OneBadToolAmongGoodOnes_ThrowsNamingIt()
    {
        var good = AIFunctionFactory.Create((string patient) => patient, "get_patient", "Demographics.");
        var bad = AIFunctionFactory.CreateDeclaration(
            "search_notes",
            "Search notes.",
            System.Text.Json.JsonDocument.Parse("""{"type":"object","properties":{"q":{"type":"string","$dynamicRef":"#q"}}}""").RootElement);

        var exception = Assert.Throws<ToolSchemaException>(() => ReplyGrammar.EnsureExpressible([good, bad]));

        Assert.Equal("search_notes", exception.ToolName);
        Assert.Contains("$dynamicRef", exception.Message);
    }

    [Fact]
    public void EnsureExpressible_RelaxedConstraints_NamesToolArgumentAndKeyword()
    {
        var tool = AIFunctionFactory.CreateDeclaration(
            "search_notes",
            "Search notes.",
            System.Text.Json.JsonDocument.Parse("""{"type":"object","properties":{"q":{"type":"string","pattern":"bleed"},"tags":{"type":"array","uniqueItems":true}}}""").RootElement);

        var relaxations = ReplyGrammar.EnsureExpressible([tool]);

        Assert.Equal(
            ["tool 'search_notes': 'pattern' at $.properties.q is checked after sampling, not by the grammar",
             "tool 'search_notes': 'uniqueItems' at $.properties.tags is checked after sampling, not by the grammar"],
            relaxations.Select(r => r.ToString()));
    }

    [Fact]
    public void Build_RealMethodSchemas_AcceptTypicalArguments()
    {
        var grammar = Checked(ReplyGrammar.Build(SampleTools.All, ChatToolMode.RequireAny, allowMultipleCalls: true)!);

        Accepts(
            grammar,
            """{"tool_calls": [{"name": "get_observations", "arguments": {"patientId": "p1", "codes": ["2823-3"], "range": {"low": 3.5, "high": null, "unit": "mmol/L"}, "filters": [{"system": "http://loinc.org", "code": "2823-3"}], "since": "2024-01-01", "window": "1.00:00:00"}}]}""",
            """{"tool_calls": [{"name": "get_observations", "arguments": {"patientId": "p1", "codes": []}}]}""",
            """{"tool_calls": [{"name": "find_patients", "arguments": {"name": "Ann", "sex": null, "limit": 5}}]}""");
        Rejects(
            grammar,
            """{"tool_calls": [{"name": "get_observations", "arguments": {"patientId": "p1", "codes": [], "since": "last week"}}]}""",
            """{"tool_calls": [{"name": "get_observations", "arguments": {"patientId": "p1", "codes": [], "range": {"high": 1}}}]}""");
    }

    [Fact]
    public void Build_SemanticKernelFunctionSchemas_CompileAndAcceptCalls()
    {
        var plugin = Microsoft.SemanticKernel.KernelPluginFactory.CreateFromFunctions("clinical", [
            Microsoft.SemanticKernel.KernelFunctionFactory.CreateFromMethod(SampleTools.FindPatients, "find_patients"),
            Microsoft.SemanticKernel.KernelFunctionFactory.CreateFromMethod(SampleTools.GetObservations, "get_observations"),
        ]);
        var tools = plugin.AsAIFunctions().ToList();

        var grammar = Checked(ReplyGrammar.Build(tools, ChatToolMode.RequireAny, allowMultipleCalls: false)!);

        Assert.True(grammar.Accepts($$$"""{"tool_calls": [{"name": "{{{tools[0].Name}}}", "arguments": {"name": "Ann", "sex": "Female"}}]}"""), string.Join("\n", tools.Select(t => t.JsonSchema.GetRawText())));
    }

    [Fact]
    public void Build_FormattedPastCalls_AreAcceptedByTheGrammar()
    {
        var grammar = Checked(ReplyGrammar.Build(SampleTools.All, ChatToolMode.Auto, allowMultipleCalls: true)!);
        var calls = new[]
        {
            new FunctionCallContent("c1", "find_patients", new Dictionary<string, object?> { ["name"] = "Ann \"Jr\"", ["sex"] = SampleTools.Sex.Female, ["limit"] = 3 }),
            new FunctionCallContent("c2", "add", new Dictionary<string, object?> { ["a"] = 1, ["b"] = -2 }),
        };

        var rendered = GemmaPromptFormatter.FormatToolCalls(calls);

        Accepts(grammar, rendered);
    }
}
