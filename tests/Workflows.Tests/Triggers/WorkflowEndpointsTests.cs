using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ClinicalAgent.Fhir.Serialization;
using ClinicalAgent.Workflows.Engine;
using ClinicalAgent.Workflows.Hosting;
using ClinicalAgent.Workflows.Persistence;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClinicalAgent.Workflows.Tests.Triggers;

public sealed class WorkflowEndpointsTests
{
    internal const string Greeting = """
        name: greet
        inputs: [reason]
        trigger:
          http: true
        steps:
          - id: flag
            type: notify
            channel: flag
            message: "{{ input.reason }}"
        """;

    internal static async Task<(WebApplication App, WorkflowHost Workflows, HttpClient Client)> ServeAsync(WorkflowTestHost host)
    {
        var workflows = new WorkflowHost(host.Engine, new WorkflowEngineOptions(), host.Fhir, host.Fhir);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        // These tests are about the endpoints' behaviour with authorization off; with it on, WorkflowApprovalAuthorizationTests.
        var app = builder.Build();
        app.MapWorkflowEndpoints(workflows);
        await app.StartAsync();
        return (app, workflows, new HttpClient { BaseAddress = new Uri(app.Urls.First()) });
    }

    [Fact]
    public async Task Start_SameIdempotencyKeyTwice_StartsOneInstanceThatRuns()
    {
        using var host = WorkflowTestHost.With(("greet", Greeting));
        await host.AddPatientAsync();
        var (app, workflows, client) = await ServeAsync(host);
        await using var _ = app;
        await using var __ = workflows;
        using var ___ = client;

        async Task<JsonObject> PostAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/workflows/greet/start")
            {
                Content = JsonContent.Create(new { patient = WorkflowTestHost.PatientId, inputs = new { reason = "hello" } }),
            };
            request.Headers.Add("Idempotency-Key", "abc");
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        }

        var first = await PostAsync();
        var second = await PostAsync();
        await workflows.WaitIdleAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(first["id"]!.GetValue<string>(), second["id"]!.GetValue<string>());
        Assert.True(first["created"]!.GetValue<bool>());
        Assert.False(second["created"]!.GetValue<bool>());
        var instance = await host.Store.GetAsync(first["id"]!.GetValue<string>());
        Assert.True(instance!.Status == InstanceStatus.Completed, instance.Error);
        Assert.Equal(1, await host.CountAsync("Flag"));
    }

    [Fact]
    public async Task Start_WorkflowWithoutHttpTrigger_IsForbidden()
    {
        using var host = WorkflowTestHost.With(SampleWorkflows.Get("hypokalemia"));
        var (app, workflows, client) = await ServeAsync(host);
        await using var _ = app;
        await using var __ = workflows;
        using var ___ = client;

        using var response = await client.PostAsync("/workflows/hypokalemia/start", null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await host.Store.ListAsync());
    }

    [Fact]
    public async Task Subscription_NotificationTwice_StartsOneInstance()
    {
        var variable = "CLINICALAGENT_TEST_HOOK_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "hook-secret");
        using var host = WorkflowTestHost.With(("hypokalemia", SubscriptionSecretTests.WithSecret(variable)));
        await host.AddPatientAsync();
        var lab = await host.AddLabAsync("2823-3", 3.1m, "mmol/L");
        var (app, workflows, client) = await ServeAsync(host);
        await using var _ = app;
        await using var __ = workflows;
        using var ___ = client;
        var bundle = new Bundle
        {
            Type = Bundle.BundleType.History,
            Entry = [new Bundle.EntryComponent { FullUrl = $"http://remote/fhir/Observation/{lab.Id}", Resource = lab }],
        };
        var json = FhirJson.Serialize(bundle);

        async Task<JsonArray> NotifyAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/workflows/subscriptions/hypokalemia") { Content = new StringContent(json, Encoding.UTF8, "application/fhir+json") };
            request.Headers.Add("X-ClinicalAgent-Secret", "hook-secret");
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            return (JsonArray)(await response.Content.ReadFromJsonAsync<JsonObject>())!["started"]!;
        }

        var first = await NotifyAsync();
        var second = await NotifyAsync();
        await workflows.WaitIdleAsync(TimeSpan.FromSeconds(20));

        Assert.Single(first);
        Assert.Empty(second);
        var instance = await host.Store.GetAsync(first[0]!.GetValue<string>());
        Assert.Equal(InstanceStatus.WaitingApproval, instance!.Status);
        Assert.Equal("subscription", instance.Variables["trigger"]!["kind"]!.GetValue<string>());
    }
}
