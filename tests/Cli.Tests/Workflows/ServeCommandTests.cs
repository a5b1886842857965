using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace ClinicalAgent.Cli.Tests.Workflows;

public sealed class ServeCommandTests
{
    [Fact]
    public async Task Serve_ObservationPostedToFhir_TriggersWorkflowVisibleOverHttp()
    {
        var samples = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "samples", "workflows"));
        using var folder = new WorkflowCliFolder();
        var port = FreePort();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        // What this test is about (a FHIR write triggering a workflow) holds without authorization; tokens are tested elsewhere.
        var settings = Path.Combine(folder.Root, "settings.json");
        await File.WriteAllTextAsync(settings, """{"Auth": {"Enabled": false}}""");
        var serve = CliRun.RunAsync(stop.Token, "serve", "--urls", $"http://127.0.0.1:{port}", "--db", folder.Db, "--workflows", samples, "--settings", settings);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await WaitUpAsync(client, "/workflows");
        var observation = $$$"""
            {"resourceType": "Observation", "status": "final",
             "code": {"coding": [{"system": "http://loinc.org", "code": "2823-3"}]},
             "subject": {"reference": "Patient/{{{WorkflowCliFolder.PatientId}}}"},
             "effectiveDateTime": "2026-01-01T08:00:00Z",
             "valueQuantity": {"value": 3.2, "unit": "mmol/L"}}
            """;

        using var created = await client.PostAsync("/fhir/Observation", new StringContent(observation, Encoding.UTF8, "application/fhir+json"));
        var waiting = await PollAsync(client, "/workflows/instances?status=WaitingApproval");
        await stop.CancelAsync();
        var run = await serve;

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var instance = Assert.Single(waiting);
        Assert.Equal("hypokalemia", instance!["workflow"]!.GetValue<string>());
        Assert.Equal(WorkflowCliFolder.PatientId, instance["patientId"]!.GetValue<string>());
        Assert.Contains("/workflows", run.Error, StringComparison.Ordinal);
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static async Task WaitUpAsync(HttpClient client, string path)
    {
        for (var i = 0; i < 600; i++)
        {
            try
            {
                using var response = await client.GetAsync(path);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("serve did not come up");
    }

    internal static async Task<JsonArray> PollAsync(HttpClient client, string path)
    {
        for (var i = 0; i < 400; i++)
        {
            var array = JsonNode.Parse(await client.GetStringAsync(path))!.AsArray();
            if (array.Count > 0)
            {
                return array;
            }

            await Task.Delay(50);
        }

        return [];
    }
}
