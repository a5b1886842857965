using System.Net;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Tests.Rest;

public sealed class FhirRestUnexpectedFailureTests
{
    [Fact]
    public async Task Read_GatewayThrowsUnexpectedly_Returns500WithGenericOutcome()
    {
        var logs = new ListLoggerProvider();
        await using var server = await FhirTestServer.StartAsync(
            new ThrowingFhirGateway(new InvalidOperationException("bug near Jane Doe")), logs);

        using var response = await server.Client.GetAsync("Patient/p1?name=Doe");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var outcome = await FhirHttp.ReadAsync<OperationOutcome>(response);
        Assert.DoesNotContain("Jane", outcome.Issue[0].Diagnostics);
        var logged = Assert.Single(logs.Messages, m => m.StartsWith("Error:", StringComparison.Ordinal));
        Assert.Contains("/fhir/Patient/p1", logged);
        Assert.DoesNotContain("name=Doe", logged);
    }

    [Fact]
    public async Task Search_GatewayThrowsFhirGatewayException_ReturnsItsStatusAndOutcome()
    {
        var failure = FhirGatewayException.Create(HttpStatusCode.Conflict, OperationOutcome.IssueType.Conflict, "version conflict");
        await using var server = await FhirTestServer.StartAsync(new ThrowingFhirGateway(failure));

        using var response = await server.Client.GetAsync("Observation?code=1");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var outcome = await FhirHttp.ReadAsync<OperationOutcome>(response);
        Assert.Equal("version conflict", outcome.Issue[0].Diagnostics);
    }
}
