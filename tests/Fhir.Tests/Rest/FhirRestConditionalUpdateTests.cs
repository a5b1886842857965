using System.Net;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Tests.Rest;

[Collection(FhirServerCollection.Name)]
public sealed class FhirRestConditionalUpdateTests(FhirServerFixture server)
{
    [Fact]
    public async Task ConditionalUpdate_NoMatch_Creates201()
    {
        var identifier = "cu-new-" + Guid.NewGuid().ToString("N");

        using var response = await server.Client.PutAsync(Condition(identifier), FhirHttp.Json(TestResources.Patient(identifier)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = await FhirHttp.ReadAsync<Patient>(response);
        Assert.Equal("1", stored.Meta.VersionId);
        Assert.Equal(new Uri(server.BaseUrl, $"Patient/{stored.Id}/_history/1"), response.Headers.Location);
    }

    [Fact]
    public async Task ConditionalUpdate_OneMatch_UpdatesThatResource200()
    {
        var identifier = "cu-one-" + Guid.NewGuid().ToString("N");
        var existing = (await server.Store.CreateAsync(TestResources.Patient(identifier))).Resource;
        var changed = TestResources.Patient(identifier);
        changed.Gender = AdministrativeGender.Male;

        using var response = await server.Client.PutAsync(Condition(identifier), FhirHttp.Json(changed));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await FhirHttp.ReadAsync<Patient>(response);
        Assert.Equal(existing.Id, stored.Id);
        Assert.Equal("2", stored.Meta.VersionId);
        Assert.Equal(AdministrativeGender.Male, ((Patient)await server.Store.ReadAsync("Patient", existing.Id)).Gender);
    }

    [Fact]
    public async Task ConditionalUpdate_TwoMatches_Returns412AndChangesNothing()
    {
        var identifier = "cu-two-" + Guid.NewGuid().ToString("N");
        var first = (await server.Store.CreateAsync(TestResources.Patient(identifier))).Resource;
        await server.Store.CreateAsync(TestResources.Patient(identifier));

        using var response = await server.Client.PutAsync(Condition(identifier), FhirHttp.Json(TestResources.Patient(identifier)));

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal(OperationOutcome.IssueType.MultipleMatches, (await FhirHttp.ReadAsync<OperationOutcome>(response)).Issue[0].Code);
        Assert.Equal("1", (await server.Store.ReadAsync("Patient", first.Id)).Meta.VersionId);
    }

    [Fact]
    public async Task ConditionalUpdate_NoCondition_Returns400()
    {
        using var response = await server.Client.PutAsync("Patient", FhirHttp.Json(TestResources.Patient()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("condition", (await FhirHttp.ReadAsync<OperationOutcome>(response)).Issue[0].Diagnostics);
    }

    [Fact]
    public async Task RemoteGateway_ConditionalUpdateNoMatch_ReportsCreated()
    {
        var identifier = "cu-remote-" + Guid.NewGuid().ToString("N");
        var remote = server.CreateRemoteGateway();

        var result = await remote.ConditionalUpdateAsync(TestResources.Patient(identifier), $"identifier={TestResources.IdentifierSystem}|{identifier}");

        Assert.Equal(FhirWriteOutcome.Created, result.Outcome);
        Assert.Equal(identifier, ((Patient)await server.Store.ReadAsync("Patient", result.Resource.Id)).Identifier[0].Value);
    }

    private static string Condition(string identifier) =>
        $"Patient?identifier={Uri.EscapeDataString(TestResources.IdentifierSystem)}|{identifier}";
}
