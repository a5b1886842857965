using ClinicalAgent.Fhir.Import;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Serialization;
using ClinicalAgent.Fhir.Tests.Storage;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Tests.Import;

public sealed class ImportTests : IDisposable
{
    private static readonly string Synthea = Path.Combine(AppContext.BaseDirectory, "Fixtures", "synthea");
    private readonly TempStore _temp = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-import-").FullName;

    [Fact]
    public async Task ImportAsync_SyntheaFolder_ResolvesConditionalReferencesAcrossFiles()
    {
        var result = await new FhirImporter(_temp.Store).ImportAsync(Synthea);

        Assert.True(result.Succeeded, string.Join("\n", result.Failures.Select(f => f.Error)));
        Assert.Equal(3, result.Files);
        var counts = await _temp.Store.CountByTypeAsync();
        Assert.Equal(1, counts["Patient"]);
        Assert.Equal(1, counts["ExplanationOfBenefit"]);
        var encounter = (Encounter)(await _temp.Store.SearchAsync("Encounter", SearchQuery.Empty)).Entry.Single().Resource;
        var practitioner = (await _temp.Store.SearchAsync("Practitioner", SearchQuery.Parse("identifier=http://hl7.org/fhir/sid/us-npi|9999941899"))).Entry.Single().Resource;
        Assert.Equal($"Practitioner/{practitioner.Id}", encounter.Participant[0].Individual.Reference);
    }

    [Fact]
    public async Task ImportAsync_PatientFileBeforeHospitalFile_RetriesAndSucceeds()
    {
        // Names that sort the patient first: the importer must retry it once the hospital is in.
        foreach (var file in Directory.GetFiles(Synthea))
        {
            var name = Path.GetFileName(file);
            File.Copy(file, Path.Combine(_folder, name.StartsWith("Maeve", StringComparison.Ordinal) ? "a-" + name : "z-" + name));
        }

        var result = await new FhirImporter(_temp.Store).ImportAsync(_folder);

        Assert.True(result.Succeeded, string.Join("\n", result.Failures.Select(f => f.Error)));
        Assert.Equal(1, (await _temp.Store.CountByTypeAsync())["Patient"]);
    }

    [Fact]
    public async Task ImportAsync_PatientBundleAlone_FailsNamingTheReferenceAndStoresNothing()
    {
        var patientFile = Directory.GetFiles(Synthea, "Maeve*").Single();

        var result = await new FhirImporter(_temp.Store).ImportAsync(patientFile);

        var failure = Assert.Single(result.Failures);
        Assert.Contains("Bundle.entry[1]", failure.Error);
        Assert.Contains("matches no resource", failure.Error);
        Assert.Empty(await _temp.Store.CountByTypeAsync());
    }

    [Fact]
    public async Task ImportAsync_NdjsonInAnyOrder_LoadsAllWithIds()
    {
        var observations = Path.Combine(_folder, "Observation.ndjson");
        var patients = Path.Combine(_folder, "Patient.ndjson");
        await File.WriteAllLinesAsync(observations,
        [
            FhirJson.Serialize(Records.Lab("k1", "p1", "2823-3", 3.1m, "mmol/L", "2023-11-12T08:00:00Z")),
            "",
            FhirJson.Serialize(Records.Lab("k2", "p2", "2823-3", 4.1m, "mmol/L", "2023-11-12T08:00:00Z")),
        ]);
        await File.WriteAllLinesAsync(patients,
        [
            FhirJson.Serialize(Records.Patient("p1", "Lovelace", "Ada", "1985-12-10", "M1")),
            FhirJson.Serialize(Records.Patient("p2", "Hopper", "Grace", "1906-12-09", "M2")),
        ]);

        var result = await new FhirImporter(_temp.Store).ImportAsync(_folder);

        Assert.True(result.Succeeded, string.Join("\n", result.Failures.Select(f => f.Error)));
        Assert.Equal(4, result.Resources);
        Assert.Equal("Patient/p2", ((Observation)await _temp.Store.ReadAsync("Observation", "k2")).Subject.Reference);
    }

    [Fact]
    public async Task ImportAsync_NdjsonWithBadLine_NamesTheLineAndStoresNothingFromThatFile()
    {
        var file = Path.Combine(_folder, "Patient.ndjson");
        await File.WriteAllLinesAsync(file,
        [
            FhirJson.Serialize(Records.Patient("p1", "Lovelace", "Ada", "1985-12-10", "M1")),
            """{"resourceType":"Patient","id":"p2","birthDate":"not-a-date"}""",
        ]);

        var result = await new FhirImporter(_temp.Store).ImportAsync(file);

        var failure = Assert.Single(result.Failures);
        Assert.Contains("Patient.ndjson line 2", failure.Error);
        Assert.Contains("not-a-date", failure.Error);
        Assert.Empty(await _temp.Store.CountByTypeAsync());
    }

    [Fact]
    public async Task ImportAsync_CollectionWithSeveralPatients_StoresEachAtItsId()
    {
        var collection = new Bundle { Type = Bundle.BundleType.Collection };
        foreach (var i in Enumerable.Range(1, 3))
        {
            collection.Entry.Add(new Bundle.EntryComponent { Resource = Records.Patient($"p{i}", $"Family{i}", "Given", "1980-01-01", $"M{i}") });
            collection.Entry.Add(new Bundle.EntryComponent { Resource = Records.Lab($"o{i}", $"p{i}", "2823-3", 4m, "mmol/L", "2023-01-01") });
        }

        var file = Path.Combine(_folder, "collection.json");
        await File.WriteAllTextAsync(file, FhirJson.Serialize(collection));

        var result = await new FhirImporter(_temp.Store).ImportAsync(file);

        Assert.True(result.Succeeded);
        Assert.Equal(6, result.Resources);
        Assert.Single((await _temp.Store.SearchAsync("Observation", SearchQuery.Parse("patient=p3"))).Entry);
    }

    [Fact]
    public async Task ImportAsync_SearchsetWithOutcomeEntry_StoresTheMatchesOnly()
    {
        var searchset = new Bundle { Type = Bundle.BundleType.Searchset };
        searchset.Entry.Add(new Bundle.EntryComponent { Resource = Records.Patient("p1", "Lovelace", "Ada", "1985-12-10", "M1"), Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match } });
        searchset.Entry.Add(new Bundle.EntryComponent
        {
            Resource = new OperationOutcome { Issue = [new OperationOutcome.IssueComponent { Severity = OperationOutcome.IssueSeverity.Warning, Code = OperationOutcome.IssueType.Informational }] },
            Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Outcome },
        });
        var file = Path.Combine(_folder, "searchset.json");
        await File.WriteAllTextAsync(file, FhirJson.Serialize(searchset));

        var result = await new FhirImporter(_temp.Store).ImportAsync(file);

        Assert.True(result.Succeeded, string.Join("\n", result.Failures.Select(f => f.Error)));
        Assert.Equal(1, result.Created);
        Assert.Equal(["Patient"], (await _temp.Store.CountByTypeAsync()).Keys);
    }

    [Theory]
    [InlineData("{ not json", "Malformed JSON")]
    [InlineData("""{"resourceType":"Spaceship","id":"x"}""", "Spaceship")]
    [InlineData("""{"hello":"world"}""", "resourceType")]
    public async Task ImportAsync_NotFhir_ReportsAClearErrorNamingTheFile(string content, string expected)
    {
        var file = Path.Combine(_folder, "bad.json");
        await File.WriteAllTextAsync(file, content);

        var result = await new FhirImporter(_temp.Store).ImportAsync(file);

        var failure = Assert.Single(result.Failures);
        Assert.Contains(expected, failure.Error);
        Assert.Contains("bad.json", failure.Error);
    }

    public void Dispose()
    {
        _temp.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
