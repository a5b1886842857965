using System.Text.Json;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Serialization;
using ClinicalAgent.Fhir.Synthetic;
using ClinicalAgent.Fhir.Terminology;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Evaluation.Tests.Official;

/// <summary>
/// A store seeded in the MedAgentBench style answers the official graders' own queries through the real store's search:
/// <c>Patient?identifier=MRN</c> and <c>Observation?patient=MRN&amp;code=K|MG|GLU|A1C&amp;_count=5000</c>, with no system.
/// </summary>
[Collection(OfficialStoreCollection.Name)]
public sealed class MedAgentBenchStoreTests(OfficialStore official)
{
    /// <summary>Each benchmark code and the LOINC codes of the same results, as the task generator reads them.</summary>
    public static TheoryData<string, string> Codes => new()
    {
        { "K", Analytes.Token(Analytes.Potassium.CodesFor("SCnc")) },
        { "MG", Analytes.Token(Analytes.Magnesium.CodesFor("MCnc")) },
        { "GLU", Analytes.Token(Analytes.Glucose.CodesFor("MCnc", "Bld", "BldC")) },
        { "A1C", Analytes.Token(Analytes.HbA1c.CodesFor("MFr")) },
    };

    [Theory]
    [MemberData(nameof(Codes))]
    public async System.Threading.Tasks.Task Search_BenchmarkCodeWithoutSystem_SameObservationsAsTheirLoincCodes(string code, string loinc)
    {
        var total = 0;
        foreach (var mrn in await MrnsAsync())
        {
            var byBenchmark = await IdsAsync("Observation", ("patient", mrn), ("code", code), ("_count", "5000"));
            var byLoinc = await IdsAsync("Observation", ("patient", mrn), ("code", loinc), ("_count", "5000"));

            Assert.Equal(byLoinc, byBenchmark);
            total += byBenchmark.Count;
        }

        Assert.True(total > 20, $"code={code} found only {total} results over 20 patients.");
    }

    [Fact]
    public async System.Threading.Tasks.Task Search_SerumGlucoseOfAPanel_NotUnderGlu()
    {
        var serum = await official.Store.SearchAsync("Observation", Query(("code", "http://loinc.org|2345-7"), ("_count", "1000")));

        Assert.NotEmpty(serum.Entry);
        Assert.All(serum.Entry.Select(e => (Observation)e.Resource), o => Assert.DoesNotContain(o.Code.Coding, c => c.Code == "GLU"));
    }

    [Fact]
    public async System.Threading.Tasks.Task Search_PatientIdentifierWithAndWithoutSystem_FindsExactlyThatPatient()
    {
        foreach (var mrn in (await MrnsAsync()).Take(5))
        {
            var bare = await IdsAsync("Patient", ("identifier", mrn));
            var withSystem = await IdsAsync("Patient", ("identifier", $"{SyntheticPatientGenerator.MrnSystem}|{mrn}"));

            Assert.Equal([mrn], bare);
            Assert.Equal([mrn], withSystem);
        }
    }

    [Fact]
    public async System.Threading.Tasks.Task Search_BenchmarkCodes_EveryResultHasEffectiveDateTimeAndNumericValue()
    {
        var found = await official.Store.SearchAsync("Observation", Query(("code", "MG,K,GLU,A1C"), ("_count", "1000")));

        Assert.NotEmpty(found.Entry);
        Assert.All(found.Entry.Select(e => (Observation)e.Resource), o =>
        {
            Assert.IsType<FhirDateTime>(o.Effective);
            Assert.NotNull(Assert.IsType<Quantity>(o.Value).Value);
            Assert.Equal("http://loinc.org", o.Code.Coding[0].System); // LOINC stays first
        });
    }

    [Fact]
    public async System.Threading.Tasks.Task Get_OfficialGraderMagnesiumQueryOverHttp_BundleWithEffectiveDateTimeAndValue()
    {
        var mrn = official.Tasks.First(t => t.Category == 4 && t.Expected!.Branch == "recent").EvalMrn!;
        var expected = await IdsAsync("Observation", ("patient", mrn), ("code", "MG"), ("_count", "5000"));

        var text = await official.Http.GetStringAsync(new Uri(official.BaseUrl, $"Observation?patient={mrn}&code=MG&_count=5000&_format=json"));

        using var bundle = JsonDocument.Parse(text);
        var resources = bundle.RootElement.GetProperty("entry").EnumerateArray().Select(e => e.GetProperty("resource")).ToList();
        Assert.Equal(expected, resources.Select(r => r.GetProperty("id").GetString()!).Order(StringComparer.Ordinal).ToList());
        Assert.All(resources, r =>
        {
            Assert.True(DateTimeOffset.TryParse(r.GetProperty("effectiveDateTime").GetString(), out _));
            Assert.Equal(JsonValueKind.Number, r.GetProperty("valueQuantity").GetProperty("value").ValueKind);
        });
    }

    [Fact]
    public void Generate_MedAgentBenchStyle_StandardRecordsPlusOnlyTheLabCodings()
    {
        var standard = new SyntheticPatientGenerator(OfficialStore.Options with { Style = SyntheticStyle.Standard }).Generate().ToList();
        var styled = new SyntheticPatientGenerator(OfficialStore.Options).Generate().ToList();

        foreach (var observation in styled.OfType<Observation>())
            observation.Code.Coding.RemoveAll(c => c.System == "http://clinicalagent.local/medagentbench/lab-code");

        Assert.Equal(standard.Count, styled.Count);
        Assert.Equal(standard.Select(r => FhirJson.Serialize(r)), styled.Select(r => FhirJson.Serialize(r)));
    }

    private async Task<List<string>> MrnsAsync() => await IdsAsync("Patient", ("_count", "500"));

    private async Task<List<string>> IdsAsync(string type, params (string Key, string Value)[] parameters)
    {
        var ids = new List<string>();
        Bundle? page = await official.Store.SearchAsync(type, Query(parameters));
        while (page is not null)
        {
            ids.AddRange(page.Entry.Select(e => e.Resource.Id!));
            page = await official.Store.NextPageAsync(page);
        }

        return [.. ids.Order(StringComparer.Ordinal)];
    }

    private static SearchQuery Query(params (string Key, string Value)[] parameters) =>
        new([.. parameters.Select(p => new KeyValuePair<string, string>(p.Key, p.Value))]);
}
