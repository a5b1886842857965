using System.Text.Json;
using ClinicalAgent.Agent.Loop;

namespace ClinicalAgent.Agent.Tests.Loop;

public sealed class AgentTraceWriterTests
{
    [Fact]
    public void WriteJson_Answer_WritesStepsAndReason()
    {
        var answer = new AgentAnswer(
            "K 4.1 (Observation/k1)",
            ["Observation/k1"],
            [
                new AgentStep(1, AgentStepKind.Model, null, null, 0, 100, 10, 0, 12.5),
                new AgentStep(1, AgentStepKind.Tool, "get_potassium", "{\"patientId\":\"p1\"}", 40, null, null, null, 1.5),
            ],
            AgentStoppedReason.Answered);
        var path = Path.Combine(Path.GetTempPath(), $"trace-{Guid.NewGuid():N}", "trace.json");

        AgentTraceWriter.WriteJson(answer, path);

        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var root = json.RootElement;
        Assert.Equal("answered", root.GetProperty("stoppedReason").GetString());
        Assert.Equal("Observation/k1", root.GetProperty("citations")[0].GetString());
        var steps = root.GetProperty("trace");
        Assert.Equal(2, steps.GetArrayLength());
        Assert.Equal("tool", steps[1].GetProperty("kind").GetString());
        Assert.Equal("get_potassium", steps[1].GetProperty("toolName").GetString());
        Assert.Equal(100, steps[0].GetProperty("inputTokens").GetInt64());
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }
}
