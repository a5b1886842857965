using System.Net;
using ClinicalAgent.Fhir.Remote;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Serialization;
using ClinicalAgent.Fhir.Tests.Rest;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Tests.Remote;

/// <summary>The remote gateway against the loopback server must answer as the store behind it does when called directly.</summary>
[Collection(FhirServerCollection.Name)]
public sealed class RemoteFhirGatewayTests(FhirServerFixture server)
{
    private readonly RemoteFhirGateway _remote = server.CreateRemoteGateway();

    [Fact]
    public async Task CreateAsync_ThroughRemote_StoresWhatTheStoreReadsBack()
    {
        var patient = TestResources.Patient();

        var created = await _remote.CreateAsync(patient);

        Assert.Equal(FhirWriteOutcome.Created, created.Outcome);
        var direct = await server.Store.ReadAsync("Patient", created.Resource.Id!);
        Assert.Equal(FhirJson.Serialize(direct), FhirJson.Serialize(created.Resource));
        Assert.Equal($"Patient/{created.Resource.Id}/_history/1", created.Location);
    }

    [Fact]
    public async Task ReadAsync_ThroughRemote_EqualsDirectRead()
    {
        var created = await server.Store.CreateAsync(TestResources.Patient());

        var remote = await _remote.ReadAsync("Patient", created.Resource.Id!);

        var direct = await server.Store.ReadAsync("Patient", created.Resource.Id!);
        Assert.Equal(FhirJson.Serialize(direct), FhirJson.Serialize(remote));
    }

    [Fact]
    public async Task UpdateAsync_ThenVReadAndHistory_MatchDirectCalls()
    {
        var created = (Patient)(await _remote.CreateAsync(TestResources.Patient())).Resource;
        created.Gender = AdministrativeGender.Other;

        var updated = await _remote.UpdateAsync(created, ifMatchVersion: "1");

        Assert.Equal(FhirWriteOutcome.Updated, updated.Outcome);
        Assert.Equal("2", updated.Resource.Meta!.VersionId);
        var remoteV1 = await _remote.VReadAsync("Patient", created.Id!, "1");
        var directV1 = await server.Store.VReadAsync("Patient", created.Id!, "1");
        Assert.Equal(FhirJson.Serialize(directV1), FhirJson.Serialize(remoteV1));
        var history = await _remote.HistoryAsync("Patient", created.Id!);
        Assert.Equal(["2", "1"], history.Entry.Select(e => e.Resource!.Meta!.VersionId));
    }

    [Fact]
    public async Task SearchAsync_AndNextPage_ReturnSameIdsAsDirectSearch()
    {
        var patientId = await SeedObservationsAsync(3);
        var query = SearchQuery.Parse($"patient={patientId}&code={TestResources.Loinc}|{TestResources.PotassiumCode}&_sort=-date&_count=2");

        var remoteFirst = await _remote.SearchAsync("Observation", query);
        var remoteSecond = await _remote.NextPageAsync(remoteFirst);

        var directFirst = await server.Store.SearchAsync("Observation", query);
        var directSecond = await server.Store.NextPageAsync(directFirst);
        Assert.Equal(Ids(directFirst), Ids(remoteFirst));
        Assert.NotNull(remoteSecond);
        Assert.NotNull(directSecond);
        Assert.Equal(Ids(directSecond), Ids(remoteSecond));
        Assert.Equal(directFirst.Total, remoteFirst.Total);
        Assert.Null(await _remote.NextPageAsync(remoteSecond));
    }

    [Fact]
    public async Task ConditionalCreateAsync_Twice_CreatedThenExistingWithSameId()
    {
        var identifier = "remote-cond-" + Guid.NewGuid().ToString("N");
        var condition = $"identifier={TestResources.IdentifierSystem}|{identifier}";

        var first = await _remote.ConditionalCreateAsync(TestResources.Patient(identifier), condition);
        var second = await _remote.ConditionalCreateAsync(TestResources.Patient(identifier), condition);

        Assert.Equal(FhirWriteOutcome.Created, first.Outcome);
        Assert.Equal(FhirWriteOutcome.Existing, second.Outcome);
        Assert.Equal(first.Resource.Id, second.Resource.Id);
        var direct = await server.Store.ConditionalCreateAsync(TestResources.Patient(identifier), condition);
        Assert.Equal(FhirWriteOutcome.Existing, direct.Outcome);
        Assert.Equal(first.Resource.Id, direct.Resource.Id);
    }

    [Fact]
    public async Task TransactionAsync_UrnUuidReferences_ResolvedLikeDirectTransaction()
    {
        var bundle = FhirRestTransactionTests.PatientWithObservation(TestResources.Patient(), out _);

        var response = await _remote.TransactionAsync(bundle);

        Assert.Equal(Bundle.BundleType.TransactionResponse, response.Type);
        Assert.Equal(2, response.Entry.Count);
        var observationId = response.Entry[1].Response!.Location!.Split('/')[1];
        var observation = (Observation)await _remote.ReadAsync("Observation", observationId);
        var patientId = response.Entry[0].Response!.Location!.Split('/')[1];
        Assert.Equal($"Patient/{patientId}", observation.Subject!.Reference);
        var direct = await server.Store.TransactionAsync(FhirRestTransactionTests.PatientWithObservation(TestResources.Patient(), out _));
        Assert.Equal(direct.Entry.Select(e => e.Response!.Status), response.Entry.Select(e => e.Response!.Status));
    }

    [Fact]
    public async Task ReadAsync_MissingId_ThrowsSame404AsStore()
    {
        await AssertSameFailureAsync(gateway => gateway.ReadAsync("Patient", "no-such-patient"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task SearchAsync_UnknownParameter_ThrowsSame400AsStoreUnlessLenient()
    {
        var strict = SearchQuery.Parse("no-such-param=1");

        await AssertSameFailureAsync(gateway => gateway.SearchAsync("Observation", strict), HttpStatusCode.BadRequest);
        var lenient = await _remote.SearchAsync("Observation", SearchQuery.Parse("_id=none&no-such-param=1", lenient: true));
        Assert.DoesNotContain(lenient.Entry, e => e.Resource is Observation);
    }

    [Fact]
    public async Task UpdateAsync_StaleIfMatch_ThrowsSame412AsStore()
    {
        var created = (Patient)(await server.Store.CreateAsync(TestResources.Patient())).Resource;
        await server.Store.UpdateAsync(created);

        await AssertSameFailureAsync(gateway => gateway.UpdateAsync(created, ifMatchVersion: "1"), HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task UpdateAsync_ResourceWithoutId_Throws400()
    {
        var patient = TestResources.Patient();

        var failure = await Assert.ThrowsAsync<FhirGatewayException>(() => _remote.UpdateAsync(patient));

        Assert.Equal(HttpStatusCode.BadRequest, failure.Status);
    }

    [Fact]
    public async Task ReadAsync_ServerUnreachable_Throws503NamingBaseUrl()
    {
        using var client = new HttpClient();
        var unreachable = new RemoteFhirGateway(client, new Uri("http://127.0.0.1:9/fhir"));

        var failure = await Assert.ThrowsAsync<FhirGatewayException>(() => unreachable.ReadAsync("Patient", "1"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failure.Status);
        Assert.Contains("http://127.0.0.1:9/fhir", failure.Outcome.Issue[0].Diagnostics);
    }

    private async Task AssertSameFailureAsync(Func<IFhirGateway, Task> operation, HttpStatusCode expected)
    {
        var direct = await Assert.ThrowsAsync<FhirGatewayException>(() => operation(server.Store));
        var remote = await Assert.ThrowsAsync<FhirGatewayException>(() => operation(_remote));

        Assert.Equal(expected, direct.Status);
        Assert.Equal(direct.Status, remote.Status);
        Assert.Equal(direct.Outcome.Issue[0].Code, remote.Outcome.Issue[0].Code);
        Assert.Equal(direct.Outcome.Issue[0].Diagnostics, remote.Outcome.Issue[0].Diagnostics);
    }

    private async Task<string> SeedObservationsAsync(int count)
    {
        var patient = (await server.Store.CreateAsync(TestResources.Patient())).Resource;
        for (var month = 1; month <= count; month++)
        {
            await server.Store.CreateAsync(TestResources.Observation($"Patient/{patient.Id}", $"2023-{month:00}-10T09:00:00Z", 4m + month / 10m));
        }

        return patient.Id!;
    }

    private static string[] Ids(Bundle bundle) => [.. bundle.Entry.Where(e => e.Resource is Observation).Select(e => e.Resource!.Id!)];
}
