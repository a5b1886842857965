using System.Net;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Tests.Rest.Secured;

/// <summary>
/// A <c>patient/</c> token for one patient against another patient's data, by every way in: read, search, includes,
/// compartment search, history, create, update, transaction. Each answer is empty or 403, never the other's data.
/// </summary>
public sealed class FhirRestPatientScopeTests : IAsyncLifetime
{
    private SecuredFhirServer _server = null!;
    private string _mine = "";
    private string _theirs = "";
    private string _myObservation = "";
    private string _theirObservation = "";

    public async System.Threading.Tasks.Task InitializeAsync()
    {
        _server = await SecuredFhirServer.StartAsync();
        _mine = (await _server.Store.CreateAsync(TestResources.Patient())).Resource.Id!;
        _theirs = (await _server.Store.CreateAsync(TestResources.Patient())).Resource.Id!;
        _myObservation = (await _server.Store.CreateAsync(TestResources.Observation($"Patient/{_mine}", "2024-01-01", 4.1m))).Resource.Id!;
        _theirObservation = (await _server.Store.CreateAsync(TestResources.Observation($"Patient/{_theirs}", "2024-01-02", 2.9m))).Resource.Id!;
    }

    public async System.Threading.Tasks.Task DisposeAsync() => await _server.DisposeAsync();

    private HttpClient MyClient(string scope = "patient/*.cruds") => _server.ClientWithScope(scope, patient: _mine);

    [Fact]
    public async System.Threading.Tasks.Task Read_AnotherPatientsResources_Is403()
    {
        using var client = MyClient();

        using var patient = await client.GetAsync($"Patient/{_theirs}");
        using var observation = await client.GetAsync($"Observation/{_theirObservation}");
        using var version = await client.GetAsync($"Observation/{_theirObservation}/_history/1");
        using var history = await client.GetAsync($"Observation/{_theirObservation}/_history");
        using var own = await client.GetAsync($"Observation/{_myObservation}");

        Assert.All(new[] { patient, observation, version, history }, r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.Equal(OperationOutcome.IssueType.Forbidden, (await FhirHttp.ReadAsync<OperationOutcome>(observation)).Issue.Single().Code);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Theory]
    [InlineData("Observation?patient={theirs}")]
    [InlineData("Observation?subject=Patient/{theirs}")]
    [InlineData("Observation")]
    [InlineData("Observation?_id={theirObs}")]
    [InlineData("Patient")]
    [InlineData("Patient?_id={theirs}")]
    public async System.Threading.Tasks.Task Search_ForAnotherPatientsData_FindsOnlyTheTokensPatient(string query)
    {
        using var client = MyClient();

        using var response = await client.GetAsync(Expand(query));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ids = (await FhirHttp.ReadAsync<Bundle>(response)).Entry.Select(e => $"{e.Resource.TypeName}/{e.Resource.Id}").ToList();
        Assert.DoesNotContain($"Patient/{_theirs}", ids);
        Assert.DoesNotContain($"Observation/{_theirObservation}", ids);
        if (query is "Observation" or "Patient")
            Assert.Contains(query == "Patient" ? $"Patient/{_mine}" : $"Observation/{_myObservation}", ids);
    }

    [Fact]
    public async System.Threading.Tasks.Task Search_IncludeAndRevinclude_BringOnlyTheTokensPatient()
    {
        var crossed = TestResources.Observation($"Patient/{_mine}", "2024-01-03", 3.3m);
        crossed.Performer = [new ResourceReference($"Patient/{_theirs}")];
        await _server.Store.CreateAsync(crossed);
        using var client = MyClient();

        using var include = await client.GetAsync("Observation?_include=Observation:performer&_include=Observation:subject");
        using var revinclude = await client.GetAsync("Patient?_revinclude=Observation:performer&_revinclude=Observation:subject");

        foreach (var response in new[] { include, revinclude })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var ids = (await FhirHttp.ReadAsync<Bundle>(response)).Entry.Select(e => $"{e.Resource.TypeName}/{e.Resource.Id}").ToList();
            Assert.Contains($"Patient/{_mine}", ids);
            Assert.DoesNotContain($"Patient/{_theirs}", ids);
            Assert.DoesNotContain($"Observation/{_theirObservation}", ids);
        }
    }

    [Fact]
    public async System.Threading.Tasks.Task CompartmentSearch_OfAnotherPatient_Is403AndOfItsOwnAnswers()
    {
        using var client = MyClient();

        using var theirs = await client.GetAsync($"Patient/{_theirs}/Observation");
        using var mine = await client.GetAsync($"Patient/{_mine}/Observation");

        Assert.Equal(HttpStatusCode.Forbidden, theirs.StatusCode);
        Assert.Equal([_myObservation], (await FhirHttp.ReadAsync<Bundle>(mine)).Entry.Select(e => e.Resource.Id));
    }

    [Fact]
    public async System.Threading.Tasks.Task Write_IntoAnotherPatientsRecord_Is403AndWritesNothing()
    {
        using var client = MyClient();
        var takeover = (Observation)(await _server.Store.ReadAsync("Observation", _theirObservation)).DeepCopy();
        takeover.Subject = new ResourceReference($"Patient/{_mine}");
        var transaction = new Bundle { Type = Bundle.BundleType.Transaction };
        transaction.Entry.Add(new Bundle.EntryComponent
        {
            Resource = TestResources.Observation($"Patient/{_mine}", "2024-02-01", 4.0m),
            Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = "Observation" },
        });
        transaction.Entry.Add(new Bundle.EntryComponent
        {
            Resource = TestResources.Observation($"Patient/{_theirs}", "2024-02-01", 9.9m),
            Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = "Observation" },
        });

        using var create = await client.PostAsync("Observation", FhirHttp.Json(TestResources.Observation($"Patient/{_theirs}", "2024-02-01", 9.9m)));
        using var update = await client.PutAsync($"Observation/{_theirObservation}", FhirHttp.Json(takeover));
        using var conditional = await client.PutAsync($"Observation?subject=Patient/{_mine}", FhirHttp.Json(TestResources.Observation($"Patient/{_mine}", "2024-02-01", 4.0m)));
        using var batch = await client.PostAsync("", FhirHttp.Json(transaction));

        Assert.All(new[] { create, update, conditional, batch }, r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        var observations = await _server.Store.SearchAsync("Observation", Search.SearchQuery.Parse(""));
        Assert.Equal(2, observations.Total);
        Assert.Equal("1", (await _server.Store.ReadAsync("Observation", _theirObservation)).Meta.VersionId);
    }

    [Fact]
    public async System.Threading.Tasks.Task Write_IntoItsOwnRecord_IsCreated()
    {
        using var client = MyClient();

        using var create = await client.PostAsync("Observation", FhirHttp.Json(TestResources.Observation($"Patient/{_mine}", "2024-02-01", 4.0m)));

        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Request_OutsideTheTokensScopes_Is403()
    {
        using var observationsOnly = MyClient("patient/Observation.rs");
        using var readOnly = _server.ClientWithScope("system/*.rs");

        using var patient = await observationsOnly.GetAsync($"Patient/{_mine}");
        using var written = await readOnly.PostAsync("Patient", FhirHttp.Json(TestResources.Patient()));
        using var history = await observationsOnly.GetAsync("_history");

        Assert.Equal(HttpStatusCode.Forbidden, patient.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, written.StatusCode);
        Assert.Contains("patient/Patient.r", (await FhirHttp.ReadAsync<OperationOutcome>(patient)).Issue.Single().Diagnostics, StringComparison.Ordinal);
        var visible = (await FhirHttp.ReadAsync<Bundle>(history)).Entry.Select(e => e.Resource).ToList();
        Assert.Equal([_myObservation], visible.Select(r => r.Id));
    }

    [Fact]
    public async System.Threading.Tasks.Task Request_WithAPatientScopeButNoPatient_Is403()
    {
        using var client = _server.ClientWithScope("patient/*.rs");

        using var response = await client.GetAsync("Observation");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private string Expand(string query) => query
        .Replace("{theirs}", _theirs, StringComparison.Ordinal)
        .Replace("{theirObs}", _theirObservation, StringComparison.Ordinal);
}
