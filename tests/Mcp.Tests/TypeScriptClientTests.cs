using System.Diagnostics;
using System.Text.Json.Nodes;

namespace ClinicalAgent.Mcp.Tests;

/// <summary>The official TypeScript SDK client (<c>@modelcontextprotocol/sdk</c> from npm) against both transports.</summary>
[Collection(McpCollection.Name)]
public sealed class TypeScriptClientTests(McpFixture fixture)
{
    [Fact]
    public async Task TypeScriptClient_Stdio_ListsAndCallsTools()
    {
        var id = fixture.PatientIds[0];

        var report = await RunAsync(["stdio", "dotnet", McpFixture.Binary, "mcp", "--db", fixture.Database], "get_patient", $$"""{"patient_id":"{{id}}"}""");

        Assert.Equal("clinicalagent", report["server"]!["name"]!.GetValue<string>());
        Assert.Contains(report["tools"]!.AsArray(), t => t!["name"]!.GetValue<string>() == "get_patient_overview");
        Assert.False(report["call"]!["isError"]!.GetValue<bool>());
        var patient = JsonNode.Parse(report["call"]!["content"]![0]!["text"]!.GetValue<string>())!;
        Assert.Equal(id, patient["id"]!.GetValue<string>());
        Assert.Contains(report["resources"]!.AsArray(), r => r!.GetValue<string>() == $"patient://{id}/summary");
    }

    [Fact]
    public async Task TypeScriptClient_HttpWithToken_ListsAndCallsTools()
    {
        var id = fixture.PatientIds[1];
        var token = await McpFixture.TokenAsync("user/*.rs", user: "dr.ts");

        var report = await RunAsync(["http", fixture.McpEndpoint.ToString(), token], "get_observations", $$"""{"patient_id":"{{id}}","code":"potassium"}""");

        Assert.Equal(21, report["tools"]!.AsArray().Count);
        Assert.False(report["call"]!["isError"]!.GetValue<bool>());
        Assert.Contains("Observation/", report["call"]!["content"]![0]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TypeScriptClient_HttpWithoutToken_FailsToConnect()
    {
        var run = await RunRawAsync(["http", fixture.McpEndpoint.ToString()], "get_patient", "{}");

        Assert.NotEqual(0, run.ExitCode);
        Assert.StartsWith("HTTP 401: ", run.Error, StringComparison.Ordinal);
    }

    private static async Task<JsonNode> RunAsync(string[] arguments, string tool, string toolArguments)
    {
        var run = await RunRawAsync(arguments, tool, toolArguments);
        Assert.True(run.ExitCode == 0, run.Error);
        return JsonNode.Parse(run.Output)!;
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunRawAsync(string[] arguments, string tool, string toolArguments)
    {
        var root = McpFixture.RepositoryRoot;
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["NODE_PATH"] = Path.Combine(root, "tests", "js", "node_modules"),
                ["MCP_TOOL"] = tool,
                ["MCP_ARGS"] = toolArguments,
            },
        };
        start.ArgumentList.Add(Path.Combine(root, "tests", "Mcp.Tests", "js", "mcp-client.cjs"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await error);
    }
}
