using System.Net;
using ClinicalAgent.Fhir.Search;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Tests.Rest;

[Collection(FhirServerCollection.Name)]
public sealed class FhirRestCompartmentTests(FhirServerFixture server)
{
    private const string SodiumCode = "2951-2";

    [Fact]
    public async Task CompartmentSearch_PatientObservationsByCode_ReturnsOnlyThatPatientsMatches()
    {
        var (patient, other) = (await CreatePatientAsync(), await CreatePatientAsync());
        var potassium = await CreateAsync(TestResources.Observation($"Patient/{patient}", "2024-01-01", 4.1m));
        await CreateAsync(TestResources.Observation($"Patient/{patient}", "2024-01-01", 140m, SodiumCode));
        await CreateAsync(TestResources.Observation($"Patient/{other}", "2024-01-01", 3.9m));

        using var response = await server.Client.GetAsync($"Patient/{patient}/Observation?code={TestResources.Loinc}|{TestResources.PotassiumCode}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bundle = await FhirHttp.ReadAsync<Bundle>(response);
        Assert.Equal([potassium], bundle.Entry.Select(e => e.Resource.Id));
        Assert.StartsWith(new Uri(server.BaseUrl, $"Patient/{patient}/Observation?").ToString(), bundle.SelfLink.ToString());
    }

    [Fact]
    public async Task CompartmentSearch_ObservationPerformedByThePatient_IsInTheCompartment()
    {
        var (patient, other) = (await CreatePatientAsync(), await CreatePatientAsync());
        var observation = TestResources.Observation($"Patient/{other}", "2024-01-01", 4.1m);
        observation.Performer = [new ResourceReference($"Patient/{patient}")];
        var performed = await CreateAsync(observation);
        var own = await CreateAsync(TestResources.Observation($"Patient/{patient}", "2024-01-02", 4.2m));

        using var response = await server.Client.GetAsync($"Patient/{patient}/Observation");

        var bundle = await FhirHttp.ReadAsync<Bundle>(response);
        Assert.Equal(new[] { performed, own }.Order(), bundle.Entry.Select(e => e.Resource.Id).Order());
    }

    [Fact]
    public async Task CompartmentSearch_TypeNeverInTheCompartment_Returns400()
    {
        var patient = await CreatePatientAsync();

        using var response = await server.Client.GetAsync($"Patient/{patient}/Organization");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("never in the Patient compartment", (await FhirHttp.ReadAsync<OperationOutcome>(response)).Issue[0].Diagnostics);
    }

    [Fact]
    public async Task RemoteGateway_CompartmentSearchPaged_FollowsNextLinksInsideTheCompartment()
    {
        var (patient, other) = (await CreatePatientAsync(), await CreatePatientAsync());
        var expected = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            expected.Add(await CreateAsync(TestResources.Observation($"Patient/{patient}", "2024-01-01", 4m + i)));
        }

        await CreateAsync(TestResources.Observation($"Patient/{other}", "2024-01-01", 4m));
        var remote = server.CreateRemoteGateway();
        var query = SearchQuery.Parse("_count=2") with { Compartment = new SearchCompartment("Patient", patient) };

        var page = await remote.SearchAsync("Observation", query);
        var seen = page.Entry.Select(e => e.Resource.Id).ToList();
        while (await remote.NextPageAsync(page) is { } next)
        {
            seen.AddRange(next.Entry.Select(e => e.Resource.Id));
            page = next;
        }

        Assert.Equal(expected.Order(), seen.Order());
    }

    [Fact]
    public void PatientCompartment_EveryParameterName_IsAnR4ReferenceParameterOfItsType()
    {
        var registry = SearchParameterRegistry.Default;

        var missing = PatientCompartment.ParameterNames
            .SelectMany(pair => pair.Value.Select(name => (Type: pair.Key, Name: name)))
            .Where(p => registry.Find(p.Type, p.Name) is not { Type: SearchParamType.Reference })
            .Select(p => $"{p.Type}.{p.Name}")
            .ToList();

        Assert.Empty(missing);
        Assert.Equal(["subject", "performer"], PatientCompartment.Parameters(registry, "Observation").Select(p => p.Name));
    }

    private async Task<string> CreatePatientAsync() => (await server.Store.CreateAsync(TestResources.Patient())).Resource.Id!;

    private async Task<string> CreateAsync(Resource resource) => (await server.Store.CreateAsync(resource)).Resource.Id!;
}
