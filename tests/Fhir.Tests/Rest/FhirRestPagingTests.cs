using System.Net;
using ClinicalAgent.Fhir.Search;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Tests.Rest;

public sealed class FhirRestPagingTests
{
    [Fact]
    public async Task Search_ResourceCreatedBetweenPagesThatSortsFirst_NeitherRepeatsNorSkips()
    {
        await using var server = await IsolatedFhirServer.StartAsync();
        string[] ids = ["page-b", "page-c", "page-d", "page-e", "page-f"];
        foreach (var id in ids)
        {
            await server.Store.UpdateAsync(WithId(TestResources.Patient(), id));
        }

        using var first = await server.Client.GetAsync("Patient?_sort=_id&_count=2");
        var page = await FhirHttp.ReadAsync<Bundle>(first);
        var seen = page.Entry.Select(e => e.Resource.Id).ToList();
        await server.Store.UpdateAsync(WithId(TestResources.Patient(), "page-a"));
        var totals = new List<int?>();
        while (page.NextLink is { } next)
        {
            using var response = await server.Client.GetAsync(next);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            page = await FhirHttp.ReadAsync<Bundle>(response);
            seen.AddRange(page.Entry.Select(e => e.Resource.Id));
            totals.Add(page.Total);
        }

        Assert.Equal(ids, seen);
        Assert.All(totals, total => Assert.Equal(5, total));
    }

    [Fact]
    public async Task Search_NewFirstPageAfterAWrite_SeesTheNewResource()
    {
        await using var server = await IsolatedFhirServer.StartAsync();
        await server.Store.UpdateAsync(WithId(TestResources.Patient(), "fresh-b"));
        await server.Store.SearchAsync("Patient", SearchQuery.Parse("_count=1"));
        await server.Store.UpdateAsync(WithId(TestResources.Patient(), "fresh-a"));

        var page = await server.Store.SearchAsync("Patient", SearchQuery.Parse("_sort=_id&_count=1"));

        Assert.Equal("fresh-a", Assert.Single(page.Entry).Resource.Id);
        Assert.Contains($"{SearchParameterRegistry.SnapshotParameter}=", page.NextLink.ToString());
    }

    [Fact]
    public async Task Search_MalformedSnapshot_Returns400()
    {
        await using var server = await IsolatedFhirServer.StartAsync();

        using var response = await server.Client.GetAsync($"Patient?{SearchParameterRegistry.SnapshotParameter}=soon");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static Patient WithId(Patient patient, string id)
    {
        patient.Id = id;
        return patient;
    }
}
