using System.Net;
using ClinicalAgent.Fhir.Search;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Tests.Rest;

[Collection(FhirServerCollection.Name)]
public sealed class FhirRestTransactionRulesTests(FhirServerFixture server)
{
    [Fact]
    public async Task Transaction_StaleIfMatch_Returns412AndWritesNothing()
    {
        var patient = await CreateVersion2Async();
        var identifier = "tx-stale-" + Guid.NewGuid().ToString("N");
        var bundle = Transaction(
            Post(TestResources.Patient(identifier)),
            Put(patient, $"Patient/{patient.Id}", ifMatch: "W/\"1\""));

        using var response = await server.Client.PostAsync("", FhirHttp.Json(bundle));

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Contains("If-Match", (await FhirHttp.ReadAsync<OperationOutcome>(response)).Issue[0].Diagnostics);
        Assert.Equal("2", (await server.Store.ReadAsync("Patient", patient.Id)).Meta.VersionId);
        Assert.Empty((await server.Store.SearchAsync("Patient", SearchQuery.Parse($"identifier={TestResources.IdentifierSystem}|{identifier}"))).Entry);
    }

    [Fact]
    public async Task Transaction_CurrentIfMatch_StoresTheNextVersion()
    {
        var patient = await CreateVersion2Async();

        using var response = await server.Client.PostAsync("", FhirHttp.Json(Transaction(Put(patient, $"Patient/{patient.Id}", ifMatch: "W/\"2\""))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("3", (await server.Store.ReadAsync("Patient", patient.Id)).Meta.VersionId);
    }

    [Fact]
    public async Task Transaction_DuplicateFullUrl_Returns400AndWritesNothing()
    {
        var identifier = "tx-dup-url-" + Guid.NewGuid().ToString("N");
        var first = Post(TestResources.Patient(identifier));
        var second = Post(TestResources.Patient(identifier));
        second.FullUrl = first.FullUrl;

        using var response = await server.Client.PostAsync("", FhirHttp.Json(Transaction(first, second)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("fullUrl", (await FhirHttp.ReadAsync<OperationOutcome>(response)).Issue[0].Diagnostics);
        Assert.Empty((await server.Store.SearchAsync("Patient", SearchQuery.Parse($"identifier={TestResources.IdentifierSystem}|{identifier}"))).Entry);
    }

    [Fact]
    public async Task Batch_TwoPutsOfOneId_Returns400AndWritesNothing()
    {
        var id = "batch-dup-" + Guid.NewGuid().ToString("N")[..20];
        var bundle = Transaction(Put(TestResources.Patient(), $"Patient/{id}"), Put(TestResources.Patient(), $"Patient/{id}"));
        bundle.Type = Bundle.BundleType.Batch;

        using var response = await server.Client.PostAsync("", FhirHttp.Json(bundle));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"Patient/{id}", (await FhirHttp.ReadAsync<OperationOutcome>(response)).Issue[0].Diagnostics);
        var read = await Assert.ThrowsAsync<FhirGatewayException>(() => server.Store.ReadAsync("Patient", id));
        Assert.Equal(HttpStatusCode.NotFound, read.Status);
    }

    [Fact]
    public async Task Transaction_TwoConditionalPutsMatchingOneResource_Returns400()
    {
        var identifier = "tx-dup-cond-" + Guid.NewGuid().ToString("N");
        var existing = (await server.Store.CreateAsync(TestResources.Patient(identifier))).Resource;
        var condition = $"Patient?identifier={TestResources.IdentifierSystem}|{identifier}";
        var bundle = Transaction(Put(TestResources.Patient(identifier), condition), Put(TestResources.Patient(identifier), condition));

        using var response = await server.Client.PostAsync("", FhirHttp.Json(bundle));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"Patient/{existing.Id}", (await FhirHttp.ReadAsync<OperationOutcome>(response)).Issue[0].Diagnostics);
        Assert.Equal("1", (await server.Store.ReadAsync("Patient", existing.Id)).Meta.VersionId);
    }

    private async Task<Patient> CreateVersion2Async()
    {
        var patient = (Patient)(await server.Store.CreateAsync(TestResources.Patient())).Resource;
        patient.Gender = AdministrativeGender.Male;
        return (Patient)(await server.Store.UpdateAsync(patient)).Resource;
    }

    private static Bundle Transaction(params Bundle.EntryComponent[] entries) =>
        new() { Type = Bundle.BundleType.Transaction, Entry = [.. entries] };

    private static Bundle.EntryComponent Post(Resource resource) => new()
    {
        FullUrl = $"urn:uuid:{Guid.NewGuid()}",
        Resource = resource,
        Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = resource.TypeName },
    };

    private static Bundle.EntryComponent Put(Resource resource, string url, string? ifMatch = null) => new()
    {
        Resource = resource,
        Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.PUT, Url = url, IfMatch = ifMatch },
    };
}
