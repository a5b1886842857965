using System.Net;
using System.Text;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Tests.Rest;

[Collection(FhirServerCollection.Name)]
public sealed class FhirRestSearchTests(FhirServerFixture server)
{
    [Fact]
    public async Task Search_CodeSortedByDateDescendingCountOne_ReturnsNewestWithAbsoluteNextLink()
    {
        var patientId = await SeedPotassiumSeriesAsync();

        using var response = await server.Client.GetAsync(
            $"Observation?patient={patientId}&code={TestResources.Loinc}|{TestResources.PotassiumCode}&_sort=-date&_count=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await FhirHttp.ReadAsync<Bundle>(response);
        Assert.Equal(Bundle.BundleType.Searchset, page.Type);
        var entry = Assert.Single(page.Entry);
        Assert.Equal("2024-03-01", ((FhirDateTime)((Observation)entry.Resource!).Effective!).Value![..10]);
        Assert.StartsWith(server.BaseUrl.ToString(), entry.FullUrl);
        Assert.NotNull(page.NextLink);
        Assert.True(page.NextLink.IsAbsoluteUri);
        Assert.StartsWith(server.BaseUrl.ToString(), page.NextLink.ToString());
    }

    [Fact]
    public async Task Search_FollowNextLink_ReturnsOlderObservation()
    {
        var patientId = await SeedPotassiumSeriesAsync();
        using var first = await server.Client.GetAsync(
            $"Observation?patient={patientId}&code={TestResources.Loinc}|{TestResources.PotassiumCode}&_sort=-date&_count=1");
        var firstPage = await FhirHttp.ReadAsync<Bundle>(first);

        using var response = await server.Client.GetAsync(firstPage.NextLink);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var secondPage = await FhirHttp.ReadAsync<Bundle>(response);
        var entry = Assert.Single(secondPage.Entry);
        Assert.Equal("2024-02-01", ((FhirDateTime)((Observation)entry.Resource!).Effective!).Value![..10]);
        Assert.NotEqual(firstPage.Entry[0].Resource!.Id, entry.Resource!.Id);
    }

    [Fact]
    public async Task SearchPost_FormBodyAndQueryString_MatchesGetSearch()
    {
        var patientId = await SeedPotassiumSeriesAsync();
        using var get = await server.Client.GetAsync($"Observation?patient={patientId}&code={TestResources.Loinc}|{TestResources.PotassiumCode}");
        var form = $"code={Uri.EscapeDataString($"{TestResources.Loinc}|{TestResources.PotassiumCode}")}";

        using var response = await server.Client.PostAsync(
            $"Observation/_search?patient={patientId}",
            new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var posted = await FhirHttp.ReadAsync<Bundle>(response);
        var expected = await FhirHttp.ReadAsync<Bundle>(get);
        Assert.Equal(3, posted.Entry.Count);
        Assert.Equal(
            expected.Entry.Select(e => e.Resource!.Id).Order(),
            posted.Entry.Select(e => e.Resource!.Id).Order());
    }

    [Fact]
    public async Task Search_UnknownParameter_Returns400NamingIt()
    {
        using var response = await server.Client.GetAsync("Observation?no-such-param=1");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirHttp.ReadAsync<OperationOutcome>(response);
        Assert.Contains("no-such-param", string.Join(" ", outcome.Issue.Select(i => i.Diagnostics)));
    }

    [Fact]
    public async Task Search_UnknownParameterWithLenientHandling_Returns200()
    {
        var patientId = await SeedPotassiumSeriesAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"Observation?patient={patientId}&no-such-param=1");

        using var response = await server.Client.SendWithHeaderAsync(request, "Prefer", "handling=lenient");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bundle = await FhirHttp.ReadAsync<Bundle>(response);
        Assert.Equal(4, bundle.Entry.Count(e => e.Resource is Observation));
    }

    [Fact]
    public async Task Search_UnknownResourceType_Returns404NamingType()
    {
        using var response = await server.Client.GetAsync("Observationz?code=1");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var outcome = await FhirHttp.ReadAsync<OperationOutcome>(response);
        Assert.Contains("Observationz", outcome.Issue[0].Diagnostics);
    }

    // Three potassium results on three dates and one glucose result, for a fresh patient; returns its id.
    private async Task<string> SeedPotassiumSeriesAsync()
    {
        var patient = (Patient)(await server.Store.CreateAsync(TestResources.Patient())).Resource;
        var reference = $"Patient/{patient.Id}";
        await server.Store.CreateAsync(TestResources.Observation(reference, "2024-01-01T08:00:00Z", 4.1m));
        await server.Store.CreateAsync(TestResources.Observation(reference, "2024-03-01T08:00:00Z", 4.9m));
        await server.Store.CreateAsync(TestResources.Observation(reference, "2024-02-01T08:00:00Z", 3.8m));
        await server.Store.CreateAsync(TestResources.Observation(reference, "2024-02-15T08:00:00Z", 5.5m, code: "2345-7"));
        return patient.Id!;
    }
}
