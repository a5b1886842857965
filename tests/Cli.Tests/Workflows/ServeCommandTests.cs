using System.Net;
using System.Text;

namespace ClinicalAgent.Cli.Tests.Workflows;

public sealed class ServeCommandTests
{
    [Fact]
    public async Task Serve_ObservationPostedToFhir_TriggersWorkflowVisibleOverHttp()
    {
        var samples = WorkflowCliFolder.Samples;
        using var folder = new WorkflowCliFolder();
        var port = CrossProcess.FreePort();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var serve = CliRun.RunAsync(stop.Token, "serve", "--insecure-no-auth", "--urls", $"http://127.0.0.1:{port}", "--db", folder.Db, "--workflows", samples);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await CrossProcess.WaitUpAsync(client, "/workflows");
        var observation = $$$"""
            {"resourceType": "Observation", "status": "final",
             "code": {"coding": [{"system": "http://loinc.org", "code": "2823-3"}]},
             "subject": {"reference": "Patient/{{{WorkflowCliFolder.PatientId}}}"},
             "effectiveDateTime": "2026-01-01T08:00:00Z",
             "valueQuantity": {"value": 3.2, "unit": "mmol/L"}}
            """;

        using var created = await client.PostAsync("/fhir/Observation", new StringContent(observation, Encoding.UTF8, "application/fhir+json"));
        var waiting = await CrossProcess.PollAsync(client, "/workflows/instances?status=WaitingApproval", 1, TimeSpan.FromSeconds(20));
        await stop.CancelAsync();
        var run = await serve;

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var instance = Assert.Single(waiting);
        Assert.Equal("hypokalemia", instance!["workflow"]!.GetValue<string>());
        Assert.Equal(WorkflowCliFolder.PatientId, instance["patientId"]!.GetValue<string>());
        Assert.Contains("/workflows", run.Error, StringComparison.Ordinal);
    }
}
