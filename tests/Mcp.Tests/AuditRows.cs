using System.Text.Json.Nodes;

namespace ClinicalAgent.Mcp.Tests;

/// <summary>Reads the audit store through the product's own <c>audit search</c>.</summary>
internal static class AuditRows
{
    /// <summary>
    /// The AuditEvents matching <paramref name="parameters"/>, once at least one is there: the trail is written by a
    /// background writer (another process's, for stdio), so it is searched until it shows up or 30 s have passed.
    /// </summary>
    public static async Task<JsonArray> SearchAsync(string database, params string[] parameters)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var run = await CliRun.RunAsync(["audit", "search", "--db", database, .. parameters]);
            var entries = run.ExitCode == 0 ? JsonNode.Parse(run.Output)!["entry"]?.AsArray() : null;
            if (entries is { Count: > 0 } || DateTime.UtcNow > until)
                return entries ?? [];
            await Task.Delay(200);
        }
    }

    /// <summary>The identifier values and references of an AuditEvent's agents.</summary>
    public static IEnumerable<string> AgentIds(JsonNode entry) =>
        entry["resource"]!["agent"]!.AsArray().SelectMany(a => new[]
        {
            a!["who"]?["identifier"]?["value"]?.GetValue<string>(),
            a["who"]?["reference"]?.GetValue<string>(),
        }).OfType<string>();
}
