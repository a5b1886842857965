using System.Net;
using ClinicalAgent.Fhir.Search;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Tests.Storage;

public sealed class StoreCrudTests : IDisposable
{
    private readonly TempStore _temp = new();

    [Fact]
    public async Task CreateAsync_NewResource_AssignsIdVersionAndLastUpdated()
    {
        var patient = Records.Patient("ignored", "Lovelace", "Ada", "1985-12-10", "M1");

        var result = await _temp.Store.CreateAsync(patient);

        Assert.Equal(FhirWriteOutcome.Created, result.Outcome);
        Assert.NotEqual("ignored", result.Resource.Id);
        Assert.Equal("1", result.Resource.Meta.VersionId);
        Assert.NotNull(result.Resource.Meta.LastUpdated);
        var read = await _temp.Store.ReadAsync("Patient", result.Resource.Id);
        Assert.Equal("Lovelace", ((Patient)read).Name[0].Family);
    }

    [Fact]
    public async Task UpdateAsync_Twice_KeepsHistoryAndVersions()
    {
        await _temp.Store.UpdateAsync(Records.Patient("p1", "Lovelace", "Ada", "1985-12-10", "M1"));
        var second = await _temp.Store.UpdateAsync(Records.Patient("p1", "King", "Ada", "1985-12-10", "M1"));

        var v1 = (Patient)await _temp.Store.VReadAsync("Patient", "p1", "1");
        var history = await _temp.Store.HistoryAsync("Patient", "p1");

        Assert.Equal(FhirWriteOutcome.Updated, second.Outcome);
        Assert.Equal("2", second.Resource.Meta.VersionId);
        Assert.Equal("Lovelace", v1.Name[0].Family);
        Assert.Equal(["2", "1"], history.Entry.Select(e => e.Resource.Meta.VersionId));
        var search = await _temp.Store.SearchAsync("Patient", SearchQuery.Parse("family=lovelace"));
        Assert.Empty(search.Entry);
    }

    [Fact]
    public async Task UpdateAsync_StaleIfMatch_FailsWith412AndKeepsVersion()
    {
        await _temp.Store.UpdateAsync(Records.Patient("p1", "Lovelace", "Ada", "1985-12-10", "M1"));
        await _temp.Store.UpdateAsync(Records.Patient("p1", "King", "Ada", "1985-12-10", "M1"));

        var error = await Assert.ThrowsAsync<FhirGatewayException>(() => _temp.Store.UpdateAsync(Records.Patient("p1", "Byron", "Ada", "1985-12-10", "M1"), "1"));

        Assert.Equal(HttpStatusCode.PreconditionFailed, error.Status);
        Assert.Equal("2", (await _temp.Store.ReadAsync("Patient", "p1")).Meta.VersionId);
    }

    [Fact]
    public async Task ReadAsync_MissingOrUnknownType_Fails404()
    {
        var missing = await Assert.ThrowsAsync<FhirGatewayException>(() => _temp.Store.ReadAsync("Patient", "nope"));
        var unknown = await Assert.ThrowsAsync<FhirGatewayException>(() => _temp.Store.ReadAsync("Patinet", "1"));

        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Contains("Patient/nope", missing.Message);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Contains("Patinet", unknown.Message);
    }

    [Fact]
    public async Task CreateAsync_SubjectDoesNotExist_Fails422AndStoresNothing()
    {
        var lab = Records.Lab("o1", "ghost", "2823-3", 3.1m, "mmol/L", "2023-11-12T08:00:00Z");

        var error = await Assert.ThrowsAsync<FhirGatewayException>(() => _temp.Store.CreateAsync(lab));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Status);
        Assert.Contains("Patient/ghost", error.Message);
        Assert.Contains("Observation.subject", error.Message);
        Assert.Empty((await _temp.Store.CountByTypeAsync()));
    }

    [Fact]
    public async Task ConditionalCreateAsync_SecondTime_ReturnsExistingUnchanged()
    {
        var patient = Records.Patient("x", "Lovelace", "Ada", "1985-12-10", "M1");

        var first = await _temp.Store.ConditionalCreateAsync(patient, $"identifier={Records.MrnSystem}|M1");
        var second = await _temp.Store.ConditionalCreateAsync(patient, $"identifier={Records.MrnSystem}|M1");

        Assert.Equal(FhirWriteOutcome.Created, first.Outcome);
        Assert.Equal(FhirWriteOutcome.Existing, second.Outcome);
        Assert.Equal(first.Resource.Id, second.Resource.Id);
        Assert.Equal(1, (await _temp.Store.CountByTypeAsync())["Patient"]);
    }

    [Fact]
    public async Task ConditionalCreateAsync_SeveralMatch_Fails412()
    {
        await _temp.Store.UpdateAsync(Records.Patient("a", "Lovelace", "Ada", "1985-12-10", "M1"));
        await _temp.Store.UpdateAsync(Records.Patient("b", "Lovelace", "Ann", "1985-12-10", "M2"));

        var error = await Assert.ThrowsAsync<FhirGatewayException>(() =>
            _temp.Store.ConditionalCreateAsync(Records.Patient("c", "Lovelace", "Amy", "1990-01-01", "M3"), "family=Lovelace"));

        Assert.Equal(HttpStatusCode.PreconditionFailed, error.Status);
    }

    public void Dispose() => _temp.Dispose();
}
