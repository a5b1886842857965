using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Workflows.Engine;
using ClinicalAgent.Workflows.Hosting;
using ClinicalAgent.Workflows.Persistence;
using Hl7.Fhir.Model;
using ClinicalAgent.Fhir.Tests.Rest.Secured;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClinicalAgent.Workflows.Tests.Triggers;

/// <summary>
/// Approvals over HTTP are recorded as the token's person, never a name the request sends; workflow endpoints need
/// their scopes. Real HTTP on loopback and real signed tokens through the JWT bearer handler: a test writes a token's
/// claims as <c>Test sub=…;client_id=…;fhirUser=…;scope=…</c> and <see cref="SendAsync"/> signs them.
/// </summary>
public sealed class WorkflowApprovalAuthorizationTests
{
    private const string Doctor = "Test sub=u-42;client_id=ehr-app;fhirUser=Practitioner/pr1;scope=clinicalagent/approve clinicalagent/workflows";

    private const string Audience = "https://workflows.test/fhir";

    private static readonly TestTokenIssuer Tokens = new();

    private static async Task<Served> ServeAsync(WorkflowTestHost host)
    {
        var workflows = new WorkflowHost(host.Engine, new WorkflowEngineOptions(), host.Fhir, host.Fhir);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        Tokens.TrustedBy(builder, Audience);
        var app = builder.Build();
        app.MapWorkflowEndpoints(workflows);
        await app.StartAsync();
        return new Served(app, workflows, new HttpClient { BaseAddress = new Uri(app.Urls.First()) });
    }

    private sealed record Served(WebApplication App, WorkflowHost Workflows, HttpClient Client) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await Workflows.DisposeAsync();
            await App.DisposeAsync();
        }
    }

    private static async Task<(WorkflowTestHost Host, WorkflowInstance Instance)> WaitingHypokalemiaAsync()
    {
        var host = WorkflowTestHost.With(SampleWorkflows.Get("hypokalemia"));
        await host.AddPatientAsync();
        await host.Fhir.UpdateAsync(new Practitioner { Id = "pr1", Name = [new HumanName { Family = "Wilson" }] });
        var lab = await host.AddLabAsync("2823-3", 3.1m, "mmol/L");
        var (instance, _) = await host.Engine.StartAsync("hypokalemia", new StartRequest(Trigger: new JsonObject { ["kind"] = "fhir", ["type"] = "Observation", ["id"] = lab.Id }));
        return (host, await host.Engine.RunAsync(instance.Id));
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string? token) => SendAsync(client, "POST", path, token);

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path, string? token)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Sign(token));
        }

        return await client.SendAsync(request);
    }

    // "Test sub=u-42;client_id=app;fhirUser=Practitioner/pr1;scope=a b" as a signed JWT for this server.
    private static string Sign(string claims)
    {
        var values = claims["Test ".Length..].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2)).ToDictionary(parts => parts[0], parts => parts[1]);
        return Tokens.Create(Audience, values.GetValueOrDefault("scope", ""), fhirUser: values.GetValueOrDefault("fhirUser"),
            subject: values["sub"], clientId: values.GetValueOrDefault("client_id", "test-client"));
    }

    private static async Task<string> DiagnosticsAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["issue"]![0]!["diagnostics"]!.GetValue<string>();

    [Fact]
    public async Task Approve_UserToken_RecordsFhirUserInJournalAsVerifierAndRequester()
    {
        var (host, waiting) = await WaitingHypokalemiaAsync();
        using var _ = host;
        await using var served = await ServeAsync(host);
        var (workflows, client) = (served.Workflows, served.Client);

        using var response = await PostAsync(client, $"/workflows/instances/{waiting.Id}/approve", Doctor);
        await workflows.WaitIdleAsync(TimeSpan.FromSeconds(20));
        using var again = await PostAsync(client, $"/workflows/instances/{waiting.Id}/approve", Doctor);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Conflict), (response.StatusCode, again.StatusCode));
        var done = (await host.Store.GetAsync(waiting.Id))!;
        Assert.True(done.Status == InstanceStatus.Completed, done.Error);
        var approved = Assert.Single(await host.Store.JournalAsync(waiting.Id), j => j.Kind == "approved");
        Assert.Equal("Practitioner/pr1", approved.Detail!["by"]!.GetValue<string>());
        var order = (MedicationRequest)await host.Fhir.ReadAsync("MedicationRequest", done.Variables["order"]!["id"]!.GetValue<string>());
        Assert.Equal("Practitioner/pr1", order.Requester.Reference);
        var provenance = (await host.Fhir.SearchAsync("Provenance", SearchQuery.Parse($"target=MedicationRequest/{order.Id}"))).Entry.Select(e => e.Resource).OfType<Provenance>().Single();
        var verifier = Assert.Single(provenance.Agent, a => a.Type.Coding.Single().Code == "verifier");
        Assert.Equal("Practitioner/pr1", verifier.Who.Reference);
    }

    [Fact]
    public async Task Approve_ForgedByParameter_RefusedAndStillWaiting()
    {
        var (host, waiting) = await WaitingHypokalemiaAsync();
        using var _ = host;
        await using var served = await ServeAsync(host);
        var (workflows, client) = (served.Workflows, served.Client);

        using var response = await PostAsync(client, $"/workflows/instances/{waiting.Id}/approve?by=dr.chief.medical.officer", Doctor);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("access token", await DiagnosticsAsync(response), StringComparison.Ordinal);
        Assert.Equal(InstanceStatus.WaitingApproval, (await host.Store.GetAsync(waiting.Id))!.Status);
        Assert.DoesNotContain(await host.Store.JournalAsync(waiting.Id), j => j.Kind == "approved");
    }

    [Theory]
    [InlineData("Test sub=ehr-app;client_id=ehr-app;scope=clinicalagent/approve", "person")]
    [InlineData("Test sub=u-42;client_id=ehr-app;fhirUser=Practitioner/pr1;scope=clinicalagent/workflows", "clinicalagent/approve")]
    public async Task Approve_SystemTokenOrMissingScope_ForbiddenAndStillWaiting(string? token, string named)
    {
        var (host, waiting) = await WaitingHypokalemiaAsync();
        using var _ = host;
        await using var served = await ServeAsync(host);
        var (workflows, client) = (served.Workflows, served.Client);

        using var approve = await PostAsync(client, $"/workflows/instances/{waiting.Id}/approve", token);
        using var reject = await PostAsync(client, $"/workflows/instances/{waiting.Id}/reject?reason=no", token);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (approve.StatusCode, reject.StatusCode));
        Assert.Contains(named, await DiagnosticsAsync(approve), StringComparison.Ordinal);
        Assert.Equal(InstanceStatus.WaitingApproval, (await host.Store.GetAsync(waiting.Id))!.Status);
        Assert.Equal(0, await host.CountAsync("MedicationRequest"));
    }

    [Fact]
    public async Task Approve_NoTokenOrAForgedOne_Is401AndStillWaiting()
    {
        var (host, waiting) = await WaitingHypokalemiaAsync();
        using var _ = host;
        await using var served = await ServeAsync(host);
        var (workflows, client) = (served.Workflows, served.Client);
        using var forged = new HttpRequestMessage(HttpMethod.Post, $"/workflows/instances/{waiting.Id}/approve");
        forged.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Tokens.Create(Audience, "clinicalagent/approve", fhirUser: "Practitioner/pr1", key: Tokens.StrangerKey));

        using var none = await PostAsync(client, $"/workflows/instances/{waiting.Id}/approve", null);
        using var signedByAStranger = await client.SendAsync(forged);
        using var list = await SendAsync(client, "GET", "/workflows/instances", null);

        Assert.All(new[] { none, signedByAStranger, list }, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Contains("signature", await DiagnosticsAsync(signedByAStranger), StringComparison.Ordinal);
        Assert.Equal(InstanceStatus.WaitingApproval, (await host.Store.GetAsync(waiting.Id))!.Status);
        Assert.Equal(0, await host.CountAsync("MedicationRequest"));
    }

    [Fact]
    public async Task Approve_AuthorizationOff_ForbiddenPointingToTheCli()
    {
        var (host, waiting) = await WaitingHypokalemiaAsync();
        using var _ = host;
        var (app, workflows, client) = await WorkflowEndpointsTests.ServeAsync(host);
        await using var __ = app;
        await using var ___ = workflows;
        using var ____ = client;

        using var response = await PostAsync(client, $"/workflows/instances/{waiting.Id}/approve", null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("clinicalagent workflow approve", await DiagnosticsAsync(response), StringComparison.Ordinal);
        Assert.Equal(InstanceStatus.WaitingApproval, (await host.Store.GetAsync(waiting.Id))!.Status);
    }

    [Fact]
    public async Task Reject_UserTokenWithoutFhirUser_RecordsTheSubject()
    {
        var (host, waiting) = await WaitingHypokalemiaAsync();
        using var _ = host;
        await using var served = await ServeAsync(host);
        var (workflows, client) = (served.Workflows, served.Client);

        using var response = await PostAsync(client, $"/workflows/instances/{waiting.Id}/reject?reason=on%20dialysis", "Test sub=alice;client_id=ehr-app;scope=clinicalagent/approve");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rejected = Assert.Single(await host.Store.JournalAsync(waiting.Id), j => j.Kind == "rejected");
        Assert.Equal("alice", rejected.Detail!["by"]!.GetValue<string>());
        Assert.Equal(InstanceStatus.Rejected, (await host.Store.GetAsync(waiting.Id))!.Status);
    }

    [Theory]
    [InlineData("GET", "/workflows")]
    [InlineData("GET", "/workflows/instances")]
    [InlineData("POST", "/workflows/hypokalemia/start")]
    public async Task WorkflowEndpoints_TokenWithoutWorkflowsScope_Forbidden(string method, string path)
    {
        var (host, waiting) = await WaitingHypokalemiaAsync();
        using var _ = host;
        await using var served = await ServeAsync(host);
        var (workflows, client) = (served.Workflows, served.Client);
        const string ApproverOnly = "Test sub=u-42;client_id=ehr-app;fhirUser=Practitioner/pr1;scope=clinicalagent/approve";

        using var refused = await SendAsync(client, method, path, ApproverOnly);
        using var shown = await SendAsync(client, "GET", $"/workflows/instances/{waiting.Id}", Doctor);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("clinicalagent/workflows", await DiagnosticsAsync(refused), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Single(await host.Store.ListAsync());
    }
}
