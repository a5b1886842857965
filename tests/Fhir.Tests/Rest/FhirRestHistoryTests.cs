using System.Net;
using ClinicalAgent.Fhir.Search;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Time.Testing;

namespace ClinicalAgent.Fhir.Tests.Rest;

public sealed class FhirRestHistoryTests
{
    [Fact]
    public async Task TypeHistory_CreateUpdateAndOtherType_ReturnsTheTypesVersionsNewestFirst()
    {
        await using var server = await IsolatedFhirServer.StartAsync();
        var patient = (Patient)(await server.Store.CreateAsync(TestResources.Patient())).Resource;
        patient.Gender = AdministrativeGender.Male;
        await server.Store.UpdateAsync(patient);
        await server.Store.CreateAsync(TestResources.Observation($"Patient/{patient.Id}", "2024-01-01", 4m));

        using var response = await server.Client.GetAsync("Patient/_history");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bundle = await FhirHttp.ReadAsync<Bundle>(response);
        Assert.Equal(Bundle.BundleType.History, bundle.Type);
        Assert.Equal(["2", "1"], bundle.Entry.Select(e => e.Resource.Meta.VersionId));
        Assert.All(bundle.Entry, e => Assert.Equal(new Uri(server.BaseUrl, $"Patient/{patient.Id}").ToString(), e.FullUrl));
        Assert.Equal(Bundle.HTTPVerb.PUT, bundle.Entry[0].Request.Method);
        Assert.Equal(Bundle.HTTPVerb.POST, bundle.Entry[1].Request.Method);
    }

    [Fact]
    public async Task SystemHistory_Since_ReturnsOnlyVersionsAtOrAfterTheInstant()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 3, 1, 8, 0, 0, TimeSpan.Zero));
        await using var server = await IsolatedFhirServer.StartAsync(time);
        await server.Store.CreateAsync(TestResources.Patient());
        time.Advance(TimeSpan.FromHours(1));
        var later = (await server.Store.CreateAsync(TestResources.Patient())).Resource;
        var observation = (await server.Store.CreateAsync(TestResources.Observation($"Patient/{later.Id}", "2024-01-01", 4m))).Resource;

        using var response = await server.Client.GetAsync("_history?_since=2024-03-01T08:30:00Z");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bundle = await FhirHttp.ReadAsync<Bundle>(response);
        Assert.Equal([$"Observation/{observation.Id}", $"Patient/{later.Id}"], bundle.Entry.Select(e => $"{e.Resource.TypeName}/{e.Resource.Id}"));
    }

    [Fact]
    public async Task TypeHistory_PagesWithWritesBetween_VisitEveryEarlierVersionOnce()
    {
        await using var server = await IsolatedFhirServer.StartAsync();
        var expected = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            expected.Add((await server.Store.CreateAsync(TestResources.Patient())).Resource.Id);
        }

        using var first = await server.Client.GetAsync("Patient/_history?_count=2");
        var page = await FhirHttp.ReadAsync<Bundle>(first);
        var seen = page.Entry.Select(e => e.Resource.Id).ToList();
        await server.Store.CreateAsync(TestResources.Patient());
        while (page.NextLink is { } next)
        {
            using var response = await server.Client.GetAsync(next);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            page = await FhirHttp.ReadAsync<Bundle>(response);
            seen.AddRange(page.Entry.Select(e => e.Resource.Id));
        }

        Assert.Equal(Enumerable.Reverse(expected), seen);
    }

    [Fact]
    public async Task SystemHistory_SinceWithoutZone_Returns400()
    {
        await using var server = await IsolatedFhirServer.StartAsync();

        using var response = await server.Client.GetAsync("_history?_since=2024-03-01T08:30:00");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("_since", (await FhirHttp.ReadAsync<OperationOutcome>(response)).Issue[0].Diagnostics);
    }

    [Fact]
    public async Task RemoteGateway_TypeHistoryAndNextPage_ReadsEveryVersionOverHttp()
    {
        await using var server = await IsolatedFhirServer.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            await server.Store.CreateAsync(TestResources.Patient());
        }

        var remote = new ClinicalAgent.Fhir.Remote.RemoteFhirGateway(server.Client, server.BaseUrl);

        var first = await remote.TypeHistoryAsync("Patient", SearchQuery.Parse("_count=2"));
        var second = await remote.NextPageAsync(first);

        Assert.Equal(2, first.Entry.Count);
        Assert.NotNull(second);
        Assert.Single(second.Entry);
        Assert.Null(second.NextLink);
    }
}
