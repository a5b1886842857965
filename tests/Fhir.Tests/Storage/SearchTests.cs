using System.Net;
using ClinicalAgent.Fhir.Search;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Tests.Storage;

/// <summary>FHIR search semantics of the embedded store, on a small record whose facts are known.</summary>
public sealed class SearchTests : IAsyncLifetime
{
    private readonly TempStore _temp = new();

    public async Task InitializeAsync()
    {
        await _temp.Store.LoadAsync(
        [
            Records.Patient("p1", "Lovelace", "Ada", "1985-12-10", "M1"),
            Records.Patient("p2", "Lövgren", "Zoë", "1970-03-02", "M2"),
            Records.Patient("p3", "Hopper", "Grace", "1906-12-09", "M3"),
            Records.Lab("k1", "p1", "2823-3", 3.1m, "mmol/L", "2023-11-12T08:00:00Z"),
            Records.Lab("k2", "p1", "2823-3", 4.2m, "mmol/L", "2023-06-01T08:00:00Z"),
            Records.Lab("k3", "p1", "2823-3", 3.9m, "mmol/L", "2022-01-15T08:00:00Z"),
            Records.Lab("m1", "p1", "2601-3", 1.4m, "mg/dL", "2023-11-13T07:00:00Z"),
            Records.Lab("k4", "p2", "2823-3", 5.4m, "mmol/L", "2023-11-13T06:30:00Z"),
        ]);
        var unsystemed = Records.Lab("x1", "p3", "LOCAL-1", 7m, "1", "2021-05-05");
        unsystemed.Code = new CodeableConcept { Coding = [new Coding { Code = "LOCAL-1" }] };
        await _temp.Store.UpdateAsync(unsystemed);
    }

    [Theory]
    [InlineData("code=http://loinc.org|2823-3", "k1,k2,k3,k4")]
    [InlineData("code=2823-3", "k1,k2,k3,k4")]
    [InlineData("code=http://loinc.org|", "k1,k2,k3,k4,m1")]
    [InlineData("code=|LOCAL-1", "x1")]
    [InlineData("code=|2823-3", "")]
    [InlineData("code=http://snomed.info/sct|2823-3", "")]
    [InlineData("code=2823-3,2601-3", "k1,k2,k3,k4,m1")]
    [InlineData("code:not=2823-3", "m1,x1")]
    [InlineData("category=laboratory&code=2601-3", "m1")]
    public async Task Search_Token_MatchesSystemAndCodeRules(string query, string expected) =>
        await AssertIds("Observation", query, expected);

    [Theory]
    [InlineData("patient=p1", "k1,k2,k3,m1")]
    [InlineData("subject=Patient/p2", "k4")]
    [InlineData("subject:Patient=p2", "k4")]
    [InlineData("patient=http://elsewhere.example/fhir/Patient/p2", "k4")]
    [InlineData("patient=p1&code=http://loinc.org|2601-3", "m1")]
    [InlineData("patient=nobody", "")]
    public async Task Search_Reference_MatchesIdTypeAndUrl(string query, string expected) =>
        await AssertIds("Observation", query, expected);

    [Theory]
    [InlineData("date=2023", "k1,k2,m1,k4")]
    [InlineData("date=2023-11", "k1,m1,k4")]
    [InlineData("date=2023-11-12", "k1")]
    [InlineData("date=eq2023-11-12", "k1")]
    [InlineData("date=ne2023", "k3,x1")]
    [InlineData("date=gt2023-06-01", "k1,m1,k4")]
    [InlineData("date=ge2023-06-01", "k1,k2,m1,k4")]
    [InlineData("date=lt2023-06-01", "k3,x1")]
    [InlineData("date=le2023-06-01", "k2,k3,x1")]
    [InlineData("date=sa2023-06-01", "k1,m1,k4")]
    [InlineData("date=eb2022", "x1")]
    [InlineData("date=ge2023-11-12T00:00:00Z&date=lt2023-11-13T07:00:00Z", "k1,k4")]
    [InlineData("date=ge2023-11-13T01:30:00-05:00", "m1,k4")]
    [InlineData("date=ap2023-11-12", "k1,m1,k4")]
    public async Task Search_Date_HonoursPrefixesAndPrecision(string query, string expected) =>
        await AssertIds("Observation", query, expected);

    [Theory]
    [InlineData("family=love", "p1")]
    [InlineData("family=LOVELACE", "p1")]
    [InlineData("family=lovg", "p2")]
    [InlineData("name=zoe", "p2")]
    [InlineData("family:exact=Lovelace", "p1")]
    [InlineData("family:exact=lovelace", "")]
    [InlineData("family:contains=opp", "p3")]
    [InlineData("address-city=spring", "p1,p2,p3")]
    [InlineData("family=ace", "")]
    public async Task Search_String_PrefixExactContains(string query, string expected) =>
        await AssertIds("Patient", query, expected);

    [Theory]
    [InlineData("birthdate=1985", "p1")]
    [InlineData("birthdate=lt1971", "p2,p3")]
    [InlineData("identifier=http://hospital.example/mrn|M2", "p2")]
    [InlineData("identifier=M3", "p3")]
    [InlineData("_id=p1,p3", "p1,p3")]
    [InlineData("gender=female&family=hopper", "p3")]
    [InlineData("family=Lovelace&birthdate=1985-12-10", "p1")]
    public async Task Search_Patient_ByDemographics(string query, string expected) =>
        await AssertIds("Patient", query, expected);

    [Theory]
    [InlineData("value-quantity=3.1", "k1")]
    [InlineData("value-quantity=3", "k1")]
    [InlineData("value-quantity=lt3.5", "k1,m1")]
    [InlineData("value-quantity=ge5|http://unitsofmeasure.org|mmol/L", "k4")]
    [InlineData("value-quantity=gt1||mg/dL", "m1")]
    [InlineData("value-quantity=ap4", "k3,k2")]
    public async Task Search_Quantity_PrefixesAndUnits(string query, string expected) =>
        await AssertIds("Observation", query, expected);

    [Fact]
    public async Task Search_SortDescendingCountOne_ReturnsLatestValue()
    {
        var bundle = await _temp.Store.SearchAsync("Observation", SearchQuery.Parse("patient=p1&code=http://loinc.org|2823-3&_sort=-date&_count=1"));

        var latest = Assert.Single(bundle.Entry);
        Assert.Equal("k1", latest.Resource.Id);
        Assert.Equal(3, bundle.Total);
        Assert.Contains(bundle.Link, l => l.Relation == "next");
    }

    [Fact]
    public async Task Search_SeveralSortKeys_OrdersByEachInTurn()
    {
        var bundle = await _temp.Store.SearchAsync("Observation", SearchQuery.Parse("code=2823-3,2601-3&_sort=patient,-value-quantity"));

        Assert.Equal(["k2", "k3", "k1", "m1", "k4"], bundle.Entry.Select(e => e.Resource.Id));
    }

    [Fact]
    public async Task NextPageAsync_FollowsLinksUntilTheEnd_VisitsEveryMatchOnce()
    {
        var page = await _temp.Store.SearchAsync("Observation", SearchQuery.Parse("_count=2&_sort=_id"));
        var seen = new List<string>();

        while (page is not null)
        {
            seen.AddRange(page.Entry.Select(e => e.Resource.Id));
            page = await _temp.Store.NextPageAsync(page);
        }

        Assert.Equal(["k1", "k2", "k3", "k4", "m1", "x1"], seen);
    }

    [Fact]
    public async Task Search_IncludeAndRevinclude_AddReferencedResources()
    {
        var included = await _temp.Store.SearchAsync("Observation", SearchQuery.Parse("code=2601-3&_include=Observation:patient"));
        var reverse = await _temp.Store.SearchAsync("Patient", SearchQuery.Parse("_id=p2&_revinclude=Observation:subject"));

        Assert.Equal(["Observation/m1:Match", "Patient/p1:Include"], included.Entry.Select(e => $"{e.FullUrl}:{e.Search.Mode}"));
        Assert.Equal(["Patient/p2:Match", "Observation/k4:Include"], reverse.Entry.Select(e => $"{e.FullUrl}:{e.Search.Mode}"));
        Assert.Equal(1, reverse.Total);
    }

    [Fact]
    public async Task Search_SummaryCountAndTotalNone_ControlTheTotal()
    {
        var counted = await _temp.Store.SearchAsync("Observation", SearchQuery.Parse("code=2823-3&_summary=count"));
        var untotalled = await _temp.Store.SearchAsync("Observation", SearchQuery.Parse("code=2823-3&_total=none&_count=2"));

        Assert.Equal(4, counted.Total);
        Assert.Empty(counted.Entry);
        Assert.Null(untotalled.Total);
        Assert.Equal(2, untotalled.Entry.Count);
    }

    [Fact]
    public async Task Search_MissingModifier_FindsResourcesWithoutTheElement()
    {
        await _temp.Store.UpdateAsync(new Patient { Id = "p4", Name = [new HumanName { Family = "Nobirth" }] });

        await AssertIds("Patient", "birthdate:missing=true", "p4");
        await AssertIds("Patient", "birthdate:missing=false", "p1,p2,p3");
    }

    [Fact]
    public async Task Search_LastUpdated_UsesStoreTime()
    {
        await AssertIds("Patient", "_lastUpdated=gt2000-01-01", "p1,p2,p3");
        await AssertIds("Patient", "_lastUpdated=lt2000-01-01", "");
    }

    [Theory]
    [InlineData("colour=red", "Unknown search parameter 'colour'")]
    [InlineData("date=2023-13-01", "Invalid date '2023-13-01'")]
    [InlineData("date=xx2023", "Unknown prefix 'xx'")]
    [InlineData("value-quantity=abc", "Invalid number 'abc'")]
    [InlineData("_count=-1", "_count must be")]
    [InlineData("code:text=potassium", "Modifier ':text' is not supported")]
    [InlineData("subject.name=Ada", "Chained search")]
    [InlineData("_sort=colour", "Cannot sort")]
    public async Task Search_BadParameter_Fails400NamingIt(string query, string message)
    {
        var error = await Assert.ThrowsAsync<FhirGatewayException>(() => _temp.Store.SearchAsync("Observation", SearchQuery.Parse(query)));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task Search_UnknownParameterLenient_IsIgnoredAndReported()
    {
        var bundle = await _temp.Store.SearchAsync("Observation", SearchQuery.Parse("colour=red&code=2601-3", lenient: true));

        Assert.Equal(["m1"], bundle.Entry.Where(e => e.Search.Mode == Bundle.SearchEntryMode.Match).Select(e => e.Resource.Id));
        var warning = Assert.IsType<OperationOutcome>(bundle.Entry.Single(e => e.Search.Mode == Bundle.SearchEntryMode.Outcome).Resource);
        Assert.Contains("colour", warning.Issue[0].Diagnostics);
        Assert.DoesNotContain("colour", bundle.Link.Single(l => l.Relation == "self").Url);
    }

    private async Task AssertIds(string type, string query, string expected)
    {
        var bundle = await _temp.Store.SearchAsync(type, SearchQuery.Parse(query + "&_count=100"));

        var ids = bundle.Entry.Where(e => e.Search.Mode == Bundle.SearchEntryMode.Match).Select(e => e.Resource.Id).Order();
        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries).Order(), ids);
    }

    public Task DisposeAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }
}
