using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace ClinicalAgent.Cli.Tests.Workflows;

/// <summary>
/// A workflow triggered from a remote FHIR server: one <c>fhir serve</c> host serves the records, a second
/// <c>serve --fhir URL</c> host runs the workflows over it and polls its <c>_lastUpdated</c>.
/// </summary>
public sealed class RemoteTriggerTests
{
    [Fact]
    public async Task Serve_RemoteServer_FiresOncePerNewObservationAndNotForHistory()
    {
        var samples = WorkflowCliFolder.Samples;
        using var folder = new WorkflowCliFolder();
        var (fhirPort, workflowPort) = (CrossProcess.FreePort(), CrossProcess.FreePort());
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var ehr = CliRun.RunAsync(stop.Token, "fhir", "serve", "--insecure-no-auth", "--urls", $"http://127.0.0.1:{fhirPort}", "--db", folder.Db);
        using var fhir = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{fhirPort}/fhir/") };
        await CrossProcess.WaitUpAsync(fhir, "metadata");
        using var history = await fhir.PostAsync("Observation", Potassium(2.9m)); // before the workflows start: history

        var settings = Path.Combine(folder.Root, "settings.json");
        await File.WriteAllTextAsync(settings, """{"Workflows": {"RemotePollInterval": "00:00:00.2"}}""");
        var workflows = CliRun.RunAsync(stop.Token, "serve", "--insecure-no-auth", "--urls", $"http://127.0.0.1:{workflowPort}", "--fhir", fhir.BaseAddress!.AbsoluteUri, "--settings", settings,
            "--workflows", samples, "--workflows-db", Path.Combine(folder.Root, "remote.workflows.db"), "--db", Path.Combine(folder.Root, "unused.db"));
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{workflowPort}") };
        await CrossProcess.WaitUpAsync(client, "/workflows");
        using var first = await fhir.PostAsync("Observation", Potassium(3.2m));
        var one = await CrossProcess.PollAsync(client, "/workflows/instances?status=WaitingApproval", 1, TimeSpan.FromSeconds(20));
        using var second = await fhir.PostAsync("Observation", Potassium(3.1m));
        var two = await CrossProcess.PollAsync(client, "/workflows/instances", 2, TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        await Task.WhenAll(ehr, workflows);

        Assert.Equal(HttpStatusCode.Created, history.StatusCode);
        Assert.Single(one);
        // Each poll reads back over its overlap: the first observation is read again with the second, and must not start twice.
        Assert.Equal(2, two.Count);
        Assert.Equal(
            new[] { await IdAsync(first), await IdAsync(second) }.Order(),
            two.Select(i => i!["variables"]?["trigger"]?["id"]?.GetValue<string>() ?? "").Order());
    }

    private static StringContent Potassium(decimal value) => new($$$"""
        {"resourceType": "Observation", "status": "final",
         "code": {"coding": [{"system": "http://loinc.org", "code": "2823-3"}]},
         "subject": {"reference": "Patient/{{{WorkflowCliFolder.PatientId}}}"},
         "effectiveDateTime": "2026-01-01T08:00:00Z",
         "valueQuantity": {"value": {{{value}}}, "unit": "mmol/L"}}
        """, Encoding.UTF8, "application/fhir+json");

    private static async Task<string> IdAsync(HttpResponseMessage created) =>
        JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
}
