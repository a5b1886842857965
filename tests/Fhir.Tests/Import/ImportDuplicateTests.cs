using System.Text.Json.Nodes;
using ClinicalAgent.Fhir.Import;
using ClinicalAgent.Fhir.Search;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Tests.Import;

public sealed class ImportDuplicateTests : IDisposable
{
    private static readonly string Synthea = Path.Combine(AppContext.BaseDirectory, "Fixtures", "synthea");
    private readonly TempStore _temp = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-import-").FullName;

    [Fact]
    public async Task ImportAsync_SameFolderTwice_UpdatesInsteadOfDuplicating()
    {
        var first = await new FhirImporter(_temp.Store).ImportAsync(Synthea);
        var countsBefore = await _temp.Store.CountByTypeAsync();

        var second = await new FhirImporter(_temp.Store).ImportAsync(Synthea);

        Assert.True(second.Succeeded, string.Join("\n", second.Failures.Select(f => f.Error)));
        Assert.Equal(first.Created, second.Updated + second.Skipped);
        Assert.Equal(0, second.Created);
        Assert.Equal(13, second.Updated); // the patient bundle and the PractitionerRole, whose condition never matches
        Assert.Equal(countsBefore, await _temp.Store.CountByTypeAsync());
        var patient = (await _temp.Store.SearchAsync("Patient", SearchQuery.Empty)).Entry.Single().Resource;
        Assert.Equal("2", patient.Meta.VersionId);
    }

    [Fact]
    public async Task ImportAsync_SkipTwice_LeavesTheFirstVersions()
    {
        await new FhirImporter(_temp.Store).ImportAsync(Synthea);

        var second = await new FhirImporter(_temp.Store, new FhirImportOptions { OnDuplicate = DuplicateMode.Skip }).ImportAsync(Synthea);

        Assert.True(second.Succeeded, string.Join("\n", second.Failures.Select(f => f.Error)));
        Assert.Equal(0, second.Resources);
        Assert.Equal(16, second.Skipped); // 12 in the patient bundle, 4 in the provider files
        var patient = (await _temp.Store.SearchAsync("Patient", SearchQuery.Empty)).Entry.Single().Resource;
        Assert.Equal("1", patient.Meta.VersionId);
    }

    [Fact]
    public async Task ImportAsync_CreateTwice_DuplicatesThePatientButNotTheProviders()
    {
        await new FhirImporter(_temp.Store).ImportAsync(Synthea);

        var second = await new FhirImporter(_temp.Store, new FhirImportOptions { OnDuplicate = DuplicateMode.Create }).ImportAsync(Synthea);

        Assert.True(second.Succeeded, string.Join("\n", second.Failures.Select(f => f.Error)));
        Assert.Equal(13, second.Created); // the patient bundle and the PractitionerRole, whose condition never matches
        var counts = await _temp.Store.CountByTypeAsync();
        Assert.Equal(2, counts["Patient"]);
        Assert.Equal(4, counts["Observation"]);
        Assert.Equal(1, counts["Organization"]);
        Assert.Equal(2, counts["PractitionerRole"]);
    }

    [Fact]
    public async Task ImportAsync_SamePatientWithoutIds_MatchesByIdentifierAndPointsReferencesThere()
    {
        await new FhirImporter(_temp.Store).ImportAsync(Synthea);
        var original = (await _temp.Store.SearchAsync("Patient", SearchQuery.Empty)).Entry.Single().Resource;
        var bundle = JsonNode.Parse(await File.ReadAllTextAsync(Directory.GetFiles(Synthea, "Maeve*").Single()))!;
        foreach (var entry in bundle["entry"]!.AsArray())
        {
            entry!["resource"]!.AsObject().Remove("id"); // as many exporters POST: no ids, identifiers only
        }

        var file = Path.Combine(_folder, "again.json");
        await File.WriteAllTextAsync(file, bundle.ToJsonString());

        var second = await new FhirImporter(_temp.Store).ImportAsync(file);

        Assert.True(second.Succeeded, string.Join("\n", second.Failures.Select(f => f.Error)));
        Assert.Equal(4, second.Updated); // Patient, Encounter, DocumentReference, ExplanationOfBenefit carry identifiers
        var counts = await _temp.Store.CountByTypeAsync();
        Assert.Equal(1, counts["Patient"]);
        Assert.Equal(1, counts["Encounter"]);
        Assert.Equal(4, counts["Observation"]); // no identifiers: created again, as a server would
        var observations = await _temp.Store.SearchAsync("Observation", SearchQuery.Parse($"subject=Patient/{original.Id}"));
        Assert.Equal(4, observations.Total);
    }

    [Fact]
    public async Task ImportAsync_SameNdjsonTwice_UpdatesAtTheSameIds()
    {
        var file = Path.Combine(_folder, "Patient.ndjson");
        await File.WriteAllLinesAsync(file, [Serialization.FhirJson.Serialize(Storage.Records.Patient("p1", "Lovelace", "Ada", "1985-12-10", "M1"))]);
        await new FhirImporter(_temp.Store).ImportAsync(file);

        var second = await new FhirImporter(_temp.Store).ImportAsync(file);

        Assert.Equal((0, 1), (second.Created, second.Updated));
        Assert.Equal("2", (await _temp.Store.ReadAsync("Patient", "p1")).Meta.VersionId);
    }

    [Fact]
    public async Task ImportAsync_IdentifierHeldByTwo_FailsUnlessCreate()
    {
        await _temp.Store.LoadAsync([Storage.Records.Patient("a", "Lovelace", "Ada", "1985-12-10", "M1"), Storage.Records.Patient("b", "Lovelace", "Ada", "1985-12-10", "M1")]);
        var file = Path.Combine(_folder, "Patient.ndjson");
        await File.WriteAllLinesAsync(file, [Serialization.FhirJson.Serialize(Storage.Records.Patient("c", "Lovelace", "Ada", "1985-12-10", "M1"))]);

        var updating = await new FhirImporter(_temp.Store).ImportAsync(file);
        var creating = await new FhirImporter(_temp.Store, new FhirImportOptions { OnDuplicate = DuplicateMode.Create }).ImportAsync(file);

        var failure = Assert.Single(updating.Failures);
        Assert.Contains("Patient.ndjson line 1: Patient by its identifiers matches 2 resources (Patient/a, Patient/b)", failure.Error);
        Assert.Contains("--on-duplicate create", failure.Error);
        Assert.DoesNotContain("M1", failure.Error);
        Assert.Equal(1, creating.Created);
        Assert.Equal(3, (await _temp.Store.CountByTypeAsync())["Patient"]);
    }

    public void Dispose()
    {
        _temp.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
