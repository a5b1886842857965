using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Tests.Remote.Auth;
using ClinicalAgent.Fhir.Tests.Rest;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Time.Testing;

namespace ClinicalAgent.Fhir.Tests.Remote;

/// <summary>Paging and <c>_include</c> through the remote gateway with SMART authorization, as against an EHR.</summary>
public sealed class RemoteFhirPagingTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly TestKey _key = TestKey.Ec();
    private SmartTestServer _server = null!;
    private RemoteClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await SmartTestServer.StartAsync(_clock);
        _server.RegisterClient("pager", _key);
        _client = RemoteClient.Create(_server.FhirBaseUrl, _clock, new Dictionary<string, string?>
        {
            ["Auth:Mode"] = "smart-backend",
            ["Auth:ClientId"] = "pager",
            ["Auth:KeyFile"] = _key.WriteJwk(),
        });
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
        _key.Dispose();
    }

    [Fact]
    public async Task NextPageAsync_ThreePages_FollowsNextLinksToEveryObservationOnce()
    {
        var patient = (await _server.Store.CreateAsync(TestResources.Patient())).Resource;
        var stored = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            var observation = await _server.Store.CreateAsync(TestResources.Observation($"Patient/{patient.Id}", $"2023-01-{i + 1:00}T09:00:00Z", 4m));
            stored.Add(observation.Resource.Id!);
        }

        var pages = new List<Bundle>();
        for (var page = await _client.Gateway.SearchAsync("Observation", SearchQuery.Parse($"patient={patient.Id}&_count=10"));
             page is not null;
             page = await _client.Gateway.NextPageAsync(page))
        {
            pages.Add(page);
        }

        Assert.Equal([10, 10, 5], pages.Select(p => p.Entry.Count));
        var read = pages.SelectMany(p => p.Entry).Select(e => e.Resource!.Id!).ToList();
        Assert.Equal(stored.Order(), read.Order());
        Assert.Equal(25, pages[0].Total);
        Assert.Equal(1, _server.TokenRequests);
        Assert.Equal(0, _server.Unauthorized);
    }

    [Fact]
    public async Task SearchAsync_IncludeMedication_ReturnsReferencedMedicationsAsIncludes()
    {
        var patient = (await _server.Store.CreateAsync(TestResources.Patient())).Resource;
        var medication = (await _server.Store.CreateAsync(new Medication
        {
            Code = new CodeableConcept("http://www.nlm.nih.gov/research/umls/rxnorm", "860975", "metformin 500 MG Oral Tablet"),
        })).Resource;
        var request = (await _server.Store.CreateAsync(new MedicationRequest
        {
            Status = MedicationRequest.MedicationrequestStatus.Active,
            Intent = MedicationRequest.MedicationRequestIntent.Order,
            Subject = new ResourceReference($"Patient/{patient.Id}"),
            Medication = new ResourceReference($"Medication/{medication.Id}"),
        })).Resource;

        var bundle = await _client.Gateway.SearchAsync("MedicationRequest", SearchQuery.Parse($"patient={patient.Id}&_include=MedicationRequest:medication"));

        var match = Assert.Single(bundle.Entry, e => e.Search?.Mode == Bundle.SearchEntryMode.Match);
        Assert.Equal(request.Id, match.Resource!.Id);
        var included = Assert.Single(bundle.Entry, e => e.Search?.Mode == Bundle.SearchEntryMode.Include);
        var includedMedication = Assert.IsType<Medication>(included.Resource);
        Assert.Equal(medication.Id, includedMedication.Id);
        Assert.Equal("860975", includedMedication.Code.Coding[0].Code);
        Assert.Equal(1, bundle.Total);
    }
}
