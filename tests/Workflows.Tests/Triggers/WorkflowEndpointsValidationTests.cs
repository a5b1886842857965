using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace ClinicalAgent.Workflows.Tests.Triggers;

/// <summary>Bad input to the workflow endpoints: a 400 with an OperationOutcome, nothing started, never a 500.</summary>
public sealed class WorkflowEndpointsValidationTests
{
    private const string Greeting = WorkflowEndpointsTests.Greeting;

    [Theory]
    [InlineData("[1,2]", "must be a JSON object")]
    [InlineData("""{"patient": 123}""", "patient must be a patient's id")]
    [InlineData("""{"patient": "Patient/"}""", "patient must be a patient's id")]
    [InlineData("""{"patient": "S0000404"}""", "Patient/S0000404 does not exist")]
    [InlineData("""{"patient": "S0000001", "priority": "stat"}""", "a field 'priority'")]
    [InlineData("""{"patient": "S0000001", "inputs": {"reason": {"nested": true}}}""", "Input 'reason' must be text")]
    [InlineData("""{"patient": "S0000001", "inputs": [1]}""", "inputs must be an object")]
    [InlineData("{not json", "The body is not JSON")]
    public async Task Start_BadBody_BadRequestWithOperationOutcomeAndNothingStarted(string body, string expected)
    {
        using var host = WorkflowTestHost.With(("greet", Greeting));
        await host.AddPatientAsync();
        var (app, workflows, client) = await WorkflowEndpointsTests.ServeAsync(host);
        await using var _ = app;
        await using var __ = workflows;
        using var ___ = client;

        using var response = await client.PostAsync("/workflows/greet/start", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        var outcome = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("OperationOutcome", outcome["resourceType"]!.GetValue<string>());
        Assert.Contains(expected, outcome["issue"]![0]!["diagnostics"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await host.Store.ListAsync());
    }

    [Fact]
    public async Task Instances_UnknownStatus_BadRequestNamingTheStatuses()
    {
        using var host = WorkflowTestHost.With(("greet", Greeting));
        var (app, workflows, client) = await WorkflowEndpointsTests.ServeAsync(host);
        await using var _ = app;
        await using var __ = workflows;
        using var ___ = client;

        using var response = await client.GetAsync("/workflows/instances?status=bogus");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("WaitingApproval", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
