using ClinicalAgent.Fhir.Search;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Tests.Storage;

/// <summary>The less common parameter types: uri, number, and the resource-level _tag, _profile, _security, _source.</summary>
public sealed class SearchTypesTests : IAsyncLifetime
{
    private const string Profile = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient";
    private readonly TempStore _temp = new();

    public async Task InitializeAsync()
    {
        var tagged = Records.Patient("p1", "Lovelace", "Ada", "1985-12-10", "M1");
        tagged.Meta = new Meta
        {
            Profile = [Profile],
            Tag = [new Coding("http://example.org/tags", "vip")],
            Security = [new Coding("http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "R")],
            Source = "http://lab.example/feed",
        };
        await _temp.Store.LoadAsync(
        [
            tagged,
            Records.Patient("p2", "Hopper", "Grace", "1906-12-09", "M2"),
            Risk("r1", "p1", 0.8m),
            Risk("r2", "p2", 0.25m),
            new ValueSet { Id = "vs1", Url = "http://example.org/fhir/ValueSet/potassium", Status = PublicationStatus.Active },
        ]);
    }

    [Theory]
    [InlineData("Patient", "_profile=" + Profile, "p1")]
    [InlineData("Patient", "_tag=http://example.org/tags|vip", "p1")]
    [InlineData("Patient", "_tag:not=vip", "p2")]
    [InlineData("Patient", "_security=R", "p1")]
    [InlineData("Patient", "_source=http://lab.example/feed", "p1")]
    [InlineData("ValueSet", "url=http://example.org/fhir/ValueSet/potassium", "vs1")]
    [InlineData("ValueSet", "url=http://example.org/fhir/ValueSet/other", "")]
    [InlineData("RiskAssessment", "probability=gt0.5", "r1")]
    [InlineData("RiskAssessment", "probability=0.25", "r2")]
    [InlineData("RiskAssessment", "probability=le0.8", "r1,r2")]
    [InlineData("RiskAssessment", "probability=ne0.8", "r2")]
    public async Task Search_UriNumberAndResourceLevel_Match(string type, string query, string expected)
    {
        var bundle = await _temp.Store.SearchAsync(type, SearchQuery.Parse(query));

        var ids = bundle.Entry.Where(e => e.Search.Mode == Bundle.SearchEntryMode.Match).Select(e => e.Resource.Id).Order();
        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries).Order(), ids);
    }

    private static RiskAssessment Risk(string id, string patient, decimal probability) => new()
    {
        Id = id,
        Status = ObservationStatus.Final,
        Subject = new ResourceReference($"Patient/{patient}"),
        Prediction = [new RiskAssessment.PredictionComponent { Probability = new FhirDecimal(probability) }],
    };

    public Task DisposeAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }
}
