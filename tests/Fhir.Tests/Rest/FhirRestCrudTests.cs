using System.Net;
using System.Net.Http.Headers;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Tests.Rest;

[Collection(FhirServerCollection.Name)]
public sealed class FhirRestCrudTests(FhirServerFixture server)
{
    [Fact]
    public async Task Create_NewPatient_Returns201WithAbsoluteLocationAndETag()
    {
        var patient = TestResources.Patient();

        using var response = await server.Client.PostAsync("Patient", FhirHttp.Json(patient));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = await FhirHttp.ReadAsync<Patient>(response);
        Assert.False(string.IsNullOrEmpty(stored.Id));
        Assert.Equal("1", stored.Meta!.VersionId);
        Assert.Equal(new Uri(server.BaseUrl, $"Patient/{stored.Id}/_history/1"), response.Headers.Location);
        Assert.Equal(FhirHttp.WeakETag("1"), response.Headers.ETag);
        Assert.NotNull(response.Content.Headers.LastModified);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
    }

    [Fact]
    public async Task Read_Created_ReturnsStoredResourceWithETag()
    {
        var created = await CreateAsync(TestResources.Patient("read-me-" + Guid.NewGuid().ToString("N")));

        using var response = await server.Client.GetAsync($"Patient/{created.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var read = await FhirHttp.ReadAsync<Patient>(response);
        Assert.Equal(created.Id, read.Id);
        Assert.Equal(created.Identifier[0].Value, read.Identifier[0].Value);
        Assert.Equal(FhirHttp.WeakETag("1"), response.Headers.ETag);
    }

    [Fact]
    public async Task Update_Existing_StoresVersion2AndKeepsVersion1InHistory()
    {
        var created = await CreateAsync(TestResources.Patient());
        created.Gender = AdministrativeGender.Male;

        using var update = await server.Client.PutAsync($"Patient/{created.Id}", FhirHttp.Json(created));
        using var vread = await server.Client.GetAsync($"Patient/{created.Id}/_history/1");
        using var history = await server.Client.GetAsync($"Patient/{created.Id}/_history");

        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal("2", (await FhirHttp.ReadAsync<Patient>(update)).Meta!.VersionId);
        Assert.Equal(FhirHttp.WeakETag("2"), update.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, vread.StatusCode);
        var version1 = await FhirHttp.ReadAsync<Patient>(vread);
        Assert.Equal(AdministrativeGender.Female, version1.Gender);
        Assert.Equal("1", version1.Meta!.VersionId);
        var bundle = await FhirHttp.ReadAsync<Bundle>(history);
        Assert.Equal(Bundle.BundleType.History, bundle.Type);
        Assert.Equal(2, bundle.Entry.Count);
        Assert.All(bundle.Entry, e => Assert.StartsWith(server.BaseUrl.ToString(), e.FullUrl));
    }

    [Fact]
    public async Task Update_NewId_Returns201()
    {
        var patient = TestResources.Patient();
        patient.Id = "put-" + Guid.NewGuid().ToString("N");

        using var response = await server.Client.PutAsync($"Patient/{patient.Id}", FhirHttp.Json(patient));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(new Uri(server.BaseUrl, $"Patient/{patient.Id}/_history/1"), response.Headers.Location);
    }

    [Fact]
    public async Task Update_StaleIfMatch_Returns412AndKeepsCurrentVersion()
    {
        var created = await CreateAsync(TestResources.Patient());
        using var first = await server.Client.PutAsync($"Patient/{created.Id}", FhirHttp.Json(created));
        using var request = new HttpRequestMessage(HttpMethod.Put, $"Patient/{created.Id}") { Content = FhirHttp.Json(created) };
        request.Headers.IfMatch.Add(FhirHttp.WeakETag("1"));

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.NotEmpty((await FhirHttp.ReadAsync<OperationOutcome>(response)).Issue);
        var current = (Patient)await server.Store.ReadAsync("Patient", created.Id!);
        Assert.Equal("2", current.Meta!.VersionId);
    }

    [Fact]
    public async Task Update_BodyIdDiffersFromUrl_Returns400()
    {
        var created = await CreateAsync(TestResources.Patient());

        using var response = await server.Client.PutAsync("Patient/some-other-id", FhirHttp.Json(created));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirHttp.ReadAsync<OperationOutcome>(response);
        Assert.Contains("some-other-id", outcome.Issue[0].Diagnostics);
    }

    [Fact]
    public async Task Create_ConditionalTwice_Returns201Then200WithSameId()
    {
        var identifier = "cond-" + Guid.NewGuid().ToString("N");
        var condition = $"identifier={TestResources.IdentifierSystem}|{identifier}";

        using var first = await PostWithHeaderAsync("Patient", TestResources.Patient(identifier), "If-None-Exist", condition);
        using var second = await PostWithHeaderAsync("Patient", TestResources.Patient(identifier), "If-None-Exist", condition);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var firstId = (await FhirHttp.ReadAsync<Patient>(first)).Id;
        Assert.Equal(firstId, (await FhirHttp.ReadAsync<Patient>(second)).Id);
        Assert.Equal(new Uri(server.BaseUrl, $"Patient/{firstId}/_history/1"), second.Headers.Location);
    }

    [Fact]
    public async Task Create_BodyTypeDiffersFromUrl_Returns400()
    {
        using var response = await server.Client.PostAsync("Observation", FhirHttp.Json(TestResources.Patient()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirHttp.ReadAsync<OperationOutcome>(response);
        Assert.Contains("Patient", outcome.Issue[0].Diagnostics);
    }

    [Fact]
    public async Task Read_MissingId_Returns404OperationOutcome()
    {
        using var response = await server.Client.GetAsync("Patient/does-not-exist");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/fhir+json", FhirHttp.MediaType(response));
        var outcome = await FhirHttp.ReadAsync<OperationOutcome>(response);
        Assert.Equal(OperationOutcome.IssueType.NotFound, outcome.Issue[0].Code);
    }

    private async Task<Patient> CreateAsync(Patient patient)
    {
        using var response = await server.Client.PostAsync("Patient", FhirHttp.Json(patient));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await FhirHttp.ReadAsync<Patient>(response);
    }

    private Task<HttpResponseMessage> PostWithHeaderAsync(string url, Resource resource, string header, string value) =>
        server.Client.SendWithHeaderAsync(new HttpRequestMessage(HttpMethod.Post, url) { Content = FhirHttp.Json(resource) }, header, value);
}
