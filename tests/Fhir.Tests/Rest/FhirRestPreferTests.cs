using System.Net;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Tests.Rest;

[Collection(FhirServerCollection.Name)]
public sealed class FhirRestPreferTests(FhirServerFixture server)
{
    [Fact]
    public async Task Create_ReturnMinimal_Returns201WithHeadersAndNoBody()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "Patient") { Content = FhirHttp.Json(TestResources.Patient()) };

        using var response = await server.Client.SendWithHeaderAsync(request, "Prefer", "return=minimal");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(FhirHttp.WeakETag("1"), response.Headers.ETag);
        var id = response.Headers.Location!.Segments[^3].TrimEnd('/');
        Assert.Equal("1", (await server.Store.ReadAsync("Patient", id)).Meta.VersionId);
    }

    [Fact]
    public async Task Update_ReturnOperationOutcome_Returns200WithAnInformationOutcome()
    {
        var patient = (await server.Store.CreateAsync(TestResources.Patient())).Resource;
        using var request = new HttpRequestMessage(HttpMethod.Put, $"Patient/{patient.Id}") { Content = FhirHttp.Json(patient) };

        using var response = await server.Client.SendWithHeaderAsync(request, "Prefer", "return=OperationOutcome");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var issue = Assert.Single((await FhirHttp.ReadAsync<OperationOutcome>(response)).Issue);
        Assert.Equal(OperationOutcome.IssueSeverity.Information, issue.Severity);
        Assert.Contains($"Patient/{patient.Id}/_history/2", issue.Diagnostics);
        Assert.Equal(FhirHttp.WeakETag("2"), response.Headers.ETag);
    }

    [Fact]
    public async Task Create_ReturnRepresentation_ReturnsTheStoredResource()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "Patient") { Content = FhirHttp.Json(TestResources.Patient()) };

        using var response = await server.Client.SendWithHeaderAsync(request, "Prefer", "return=representation");

        Assert.Equal("1", (await FhirHttp.ReadAsync<Patient>(response)).Meta.VersionId);
    }

    [Fact]
    public async Task Transaction_ReturnMinimal_DropsWrittenResourcesButKeepsReads()
    {
        var existing = (await server.Store.CreateAsync(TestResources.Patient())).Resource;
        var bundle = Transaction(ReturnPreferenceEntries(existing.Id));
        using var request = new HttpRequestMessage(HttpMethod.Post, "") { Content = FhirHttp.Json(bundle) };

        using var response = await server.Client.SendWithHeaderAsync(request, "Prefer", "return=minimal");

        var result = await FhirHttp.ReadAsync<Bundle>(response);
        Assert.Null(result.Entry[0].Resource);
        Assert.StartsWith("Patient/", result.Entry[0].Response.Location);
        Assert.Equal(existing.Id, result.Entry[1].Resource.Id);
    }

    [Fact]
    public async Task Transaction_ReturnOperationOutcome_GivesEachWriteAnOutcome()
    {
        var existing = (await server.Store.CreateAsync(TestResources.Patient())).Resource;
        var bundle = Transaction(ReturnPreferenceEntries(existing.Id));
        using var request = new HttpRequestMessage(HttpMethod.Post, "") { Content = FhirHttp.Json(bundle) };

        using var response = await server.Client.SendWithHeaderAsync(request, "Prefer", "return=OperationOutcome");

        var result = await FhirHttp.ReadAsync<Bundle>(response);
        Assert.Null(result.Entry[0].Resource);
        Assert.StartsWith("201", Assert.Single(((OperationOutcome)result.Entry[0].Response.Outcome).Issue).Diagnostics);
        Assert.Null(result.Entry[1].Response.Outcome);
    }

    private static Bundle.EntryComponent[] ReturnPreferenceEntries(string existingId) =>
    [
        new()
        {
            FullUrl = $"urn:uuid:{Guid.NewGuid()}",
            Resource = TestResources.Patient(),
            Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = "Patient" },
        },
        new() { Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.GET, Url = $"Patient/{existingId}" } },
    ];

    private static Bundle Transaction(Bundle.EntryComponent[] entries) => new() { Type = Bundle.BundleType.Transaction, Entry = [.. entries] };
}
