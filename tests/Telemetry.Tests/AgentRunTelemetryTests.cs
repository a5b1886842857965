using System.Diagnostics;
using ClinicalAgent.Agent.Loop;
using ClinicalAgent.TestKit;
using Hl7.Fhir.Model;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace ClinicalAgent.Telemetry.Tests;

public sealed class AgentRunTelemetryTests
{
    [Fact]
    public async Task AskAsync_ScriptedToolCalls_SpansNestAgentChatToolFhirWithGenAiAttributes()
    {
        var records = TelemetryTestHost.GenerateRecords();
        var patient = records.OfType<Patient>().First();
        var script = new ScriptedChatClient(
            Reply(ScriptedChatClient.Call("get_patient", new { patient_id = patient.Id }, "call-1", Usage(120, 14))),
            Reply(ScriptedChatClient.Call("get_observations", new { patient_id = patient.Id, code = "potassium" }, "call-2", Usage(310, 21))),
            Reply(WithUsage(ScriptedChatClient.Answer("Done."), Usage(455, 9))));
        await using var host = await new TelemetryTestHost(script).SeedAsync(records);
        var runner = host.Services.GetRequiredService<ClinicalAgentRunner>();
        var options = new AgentRunOptions { ChatOptions = new ChatOptions { Temperature = 0.2f, MaxOutputTokens = 256 } };

        var answer = await runner.AskAsync("Latest potassium?", host.Tools, options);
        host.FlushMetrics();

        Assert.Equal(AgentStoppedReason.Answered, answer.StoppedReason);
        var agent = Assert.Single(host.Named("invoke_agent"));
        Assert.Equal("invoke_agent clinical-agent", agent.DisplayName);
        Assert.Equal("invoke_agent", agent.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("clinical-agent", agent.GetTagItem("gen_ai.agent.name"));
        Assert.Equal(TelemetryTestHost.Provider, agent.GetTagItem("gen_ai.provider.name"));
        Assert.Equal(TelemetryTestHost.Model, agent.GetTagItem("gen_ai.request.model"));
        Assert.False(string.IsNullOrEmpty(agent.GetTagItem("gen_ai.conversation.id") as string));
        Assert.Equal(885L, agent.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(44L, agent.GetTagItem("gen_ai.usage.output_tokens"));
        Assert.Null(agent.Parent);

        var chats = host.Named("chat");
        Assert.Equal(3, chats.Count);
        Assert.All(chats, chat =>
        {
            Assert.Equal(agent.SpanId, chat.ParentSpanId);
            Assert.Equal($"chat {TelemetryTestHost.Model}", chat.DisplayName);
            Assert.Equal("chat", chat.GetTagItem("gen_ai.operation.name"));
            Assert.Equal(TelemetryTestHost.Provider, chat.GetTagItem("gen_ai.provider.name"));
            Assert.Equal(TelemetryTestHost.Model, chat.GetTagItem("gen_ai.request.model"));
            Assert.Equal("scripted-model-q4", chat.GetTagItem("gen_ai.response.model"));
            Assert.Equal(0.2, Convert.ToDouble(chat.GetTagItem("gen_ai.request.temperature")), 3);
            Assert.Equal(256, Convert.ToInt32(chat.GetTagItem("gen_ai.request.max_tokens")));
        });
        Assert.Equal([120, 310, 455], chats.Select(c => Convert.ToInt32(c.GetTagItem("gen_ai.usage.input_tokens"))));
        Assert.Equal([14, 21, 9], chats.Select(c => Convert.ToInt32(c.GetTagItem("gen_ai.usage.output_tokens"))));
        Assert.Equal(["tool_calls", "tool_calls", "stop"], chats.Select(c => Assert.Single(FinishReasons(c))));

        var tools = host.Named("execute_tool");
        Assert.Equal(["execute_tool get_patient", "execute_tool get_observations"], tools.Select(t => t.DisplayName));
        Assert.Equal(["call-1", "call-2"], tools.Select(t => t.GetTagItem("gen_ai.tool.call.id")));
        Assert.Equal(["get_patient", "get_observations"], tools.Select(t => t.GetTagItem("gen_ai.tool.name")));
        Assert.All(tools, t => Assert.Equal(agent.SpanId, t.ParentSpanId));
        Assert.All(tools, t => Assert.Equal(ActivityStatusCode.Unset, t.Status));

        var read = Assert.Single(host.Named("fhir read Patient"), s => s.ParentSpanId == tools[0].SpanId);
        Assert.Equal(patient.Id, read.GetTagItem("fhir.resource.id"));
        Assert.Equal("read", read.GetTagItem("fhir.interaction"));
        var search = Assert.Single(host.Named("fhir search-type Observation"), s => s.ParentSpanId == tools[1].SpanId);
        Assert.Contains("patient", (string[])search.GetTagItem("fhir.search.parameters")!);
        Assert.True((int)search.GetTagItem("fhir.bundle.entry_count")! > 0);
        Assert.All(host.Named("fhir "), s => Assert.Equal(agent.TraceId, s.TraceId));

        var tokens = Assert.Single(host.Metrics, m => m.Name == "gen_ai.client.token.usage");
        Assert.Equal(885, TokenSum(tokens, "input"));
        Assert.Equal(44, TokenSum(tokens, "output"));
        var duration = Assert.Single(host.Metrics, m => m.Name == "gen_ai.client.operation.duration");
        Assert.Equal(3, duration.MetricPoints.Sum(p => p.GetHistogramCount()));
    }

    [Fact]
    public async Task AskAsync_UnknownToolAndBadArguments_ToolSpansFailedByKindWithoutTheModelsName()
    {
        var script = new ScriptedChatClient(
            Reply(ScriptedChatClient.Call("Smith_lookup", new { name = "Smith" }, "call-a")),
            Reply(ScriptedChatClient.Call("get_observations", new { limit = "many" }, "call-b")),
            Reply(ScriptedChatClient.Answer("Done.")));
        await using var host = await new TelemetryTestHost(script).SeedAsync();

        await host.Services.GetRequiredService<ClinicalAgentRunner>().AskAsync("Anything?", host.Tools);

        var tools = host.Named("execute_tool");
        Assert.Equal(["execute_tool", "execute_tool get_observations"], tools.Select(t => t.DisplayName));
        Assert.Null(tools[0].GetTagItem("gen_ai.tool.name"));
        Assert.Equal(["unknown_tool", "invalid_arguments"], tools.Select(t => t.GetTagItem("error.type")));
        Assert.All(tools, t => Assert.Equal(ActivityStatusCode.Error, t.Status));
    }

    internal static ChatResponse Reply(ChatResponse response)
    {
        response.ModelId = "scripted-model-q4";
        return response;
    }

    internal static UsageDetails Usage(long input, long output) => new() { InputTokenCount = input, OutputTokenCount = output, TotalTokenCount = input + output };

    internal static ChatResponse WithUsage(ChatResponse response, UsageDetails usage)
    {
        response.Usage = usage;
        return response;
    }

    // M.E.AI writes the list as a JSON array in one string attribute.
    private static string[] FinishReasons(Activity chat) => chat.GetTagItem("gen_ai.response.finish_reasons") switch
    {
        string[] array => array,
        string json => System.Text.Json.JsonSerializer.Deserialize<string[]>(json)!,
        var other => throw new InvalidOperationException($"finish_reasons is {other?.GetType().Name ?? "missing"}"),
    };

    private static double TokenSum(MetricSnapshot metric, string type) =>
        metric.MetricPoints.Where(p => Tag(p, "gen_ai.token.type") == type).Sum(p => p.GetHistogramSum());

    private static string? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key)
                return tag.Value?.ToString();
        }

        return null;
    }
}
