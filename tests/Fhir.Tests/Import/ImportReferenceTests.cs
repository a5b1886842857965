using ClinicalAgent.Fhir.Import;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Serialization;
using ClinicalAgent.Fhir.Synthetic;
using ClinicalAgent.Fhir.Tests.Storage;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Tests.Import;

public sealed class ImportReferenceTests : IDisposable
{
    private static readonly string Synthea = Path.Combine(AppContext.BaseDirectory, "Fixtures", "synthea");
    private static readonly SyntheticOptions Options = new(3, 9, DateTimeOffset.Parse("2023-11-13T10:15:00Z", System.Globalization.CultureInfo.InvariantCulture));

    // With images: a study's Binaries and its ImagingStudy refer to each other (securityContext, instance-binary), and a
    // bulk export puts them in two files, which the importer then writes in one transaction.
    private static readonly SyntheticOptions BulkOptions = Options;
    private readonly TempStore _temp = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-import-").FullName;

    [Fact]
    public async Task ImportAsync_PatientFileOnlyStrict_FailsSuggestingLenientAndStoresNothing()
    {
        var patientFile = Directory.GetFiles(Synthea, "Maeve*").Single();

        var result = await new FhirImporter(_temp.Store).ImportAsync(patientFile);

        var failure = Assert.Single(result.Failures);
        Assert.Contains("Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|9999941899 matches no resource", failure.Error);
        Assert.Contains("--references lenient", failure.Error);
        Assert.Empty(await _temp.Store.CountByTypeAsync());
    }

    [Fact]
    public async Task ImportAsync_PatientFileOnlyLenient_StoresAllAndCountsKeptReferences()
    {
        var patientFile = Directory.GetFiles(Synthea, "Maeve*").Single();

        var result = await new FhirImporter(_temp.Store, new FhirImportOptions { References = ReferenceMode.Lenient }).ImportAsync(patientFile);

        Assert.True(result.Succeeded, string.Join("\n", result.Failures.Select(f => f.Error)));
        Assert.Equal(12, result.Created);
        Assert.Equal(16, result.KeptReferences); // 9 practitioner, 4 organization, 3 location references in the file
        var encounter = (Encounter)(await _temp.Store.SearchAsync("Encounter", SearchQuery.Empty)).Entry.Single().Resource;
        var practitioner = encounter.Participant[0].Individual;
        Assert.Null(practitioner.Reference);
        Assert.Equal("Practitioner", practitioner.Type);
        Assert.Equal("9999941899", practitioner.Identifier.Value);
        Assert.Equal("http://hl7.org/fhir/sid/us-npi", practitioner.Identifier.System);
    }

    [Fact]
    public async Task ImportAsync_LenientWithProviderFiles_ResolvesEverythingAndKeepsNothing()
    {
        var result = await new FhirImporter(_temp.Store, new FhirImportOptions { References = ReferenceMode.Lenient }).ImportAsync(Synthea);

        Assert.True(result.Succeeded, string.Join("\n", result.Failures.Select(f => f.Error)));
        Assert.Equal(0, result.KeptReferences);
        var location = (await _temp.Store.SearchAsync("Location", SearchQuery.Empty)).Entry.Single().Resource;
        var encounter = (Encounter)(await _temp.Store.SearchAsync("Encounter", SearchQuery.Empty)).Entry.Single().Resource;
        Assert.Equal($"Location/{location.Id}", encounter.Location[0].Location.Reference);
    }

    [Fact]
    public async Task ImportAsync_BulkFolderWithConditionalPractitionerReferences_StoresEveryResource()
    {
        var generated = new SyntheticPatientGenerator(BulkOptions).Generate().ToList();
        BulkExportWriter.Write(generated, _folder);

        var result = await new FhirImporter(_temp.Store).ImportAsync(_folder);

        Assert.True(result.Succeeded, string.Join("\n", result.Failures.Select(f => f.Error)));
        Assert.Equal(generated.Count, result.Created);
        Assert.Equal(generated.Count, (await _temp.Store.CountByTypeAsync()).Values.Sum());
        var encounter = generated.OfType<Encounter>().First();
        var stored = (Encounter)await _temp.Store.ReadAsync("Encounter", encounter.Id);
        Assert.Equal(encounter.Participant[0].Individual.Reference, stored.Participant[0].Individual.Reference);
    }

    [Fact]
    public async Task ImportAsync_BulkFolderWithImages_WritesTheBinariesAndTheirStudiesTogether()
    {
        var generated = new SyntheticPatientGenerator(Options with { Patients = 12 }).Generate().ToList();
        BulkExportWriter.Write(generated, _folder);

        var result = await new FhirImporter(_temp.Store).ImportAsync(_folder);

        Assert.Contains(generated, r => r is ImagingStudy);
        Assert.True(result.Succeeded, string.Join("\n", result.Failures.Select(f => f.Error)));
        Assert.Equal(generated.Count, (await _temp.Store.CountByTypeAsync()).Values.Sum());
        var binary = generated.OfType<Binary>().First();
        Assert.Equal(binary.Data, ((Binary)await _temp.Store.ReadAsync("Binary", binary.Id)).Data);
    }

    [Fact]
    public async Task ImportAsync_BulkFolderWithoutPractitionerFile_ResolvesAgainstTheStore()
    {
        var generated = new SyntheticPatientGenerator(BulkOptions).Generate().ToList();
        await _temp.Store.LoadAsync(generated.Where(r => r is Practitioner));
        BulkExportWriter.Write(generated, _folder);
        File.Delete(Path.Combine(_folder, "Practitioner.ndjson"));

        var result = await new FhirImporter(_temp.Store).ImportAsync(_folder);

        Assert.True(result.Succeeded, string.Join("\n", result.Failures.Select(f => f.Error)));
        Assert.Equal(generated.Count(r => r is not Practitioner), result.Created);
        Assert.Contains(await File.ReadAllLinesAsync(Path.Combine(_folder, "Encounter.ndjson")), line => line.Contains("Practitioner?identifier=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ImportAsync_ConditionalReferenceMatchingTwo_FailsNamingBoth()
    {
        await _temp.Store.LoadAsync(
        [
            new Practitioner { Id = "a", Identifier = [new Identifier("http://hl7.org/fhir/sid/us-npi", "1")] },
            new Practitioner { Id = "b", Identifier = [new Identifier("http://hl7.org/fhir/sid/us-npi", "1")] },
        ]);
        var observation = Records.Lab("o1", "p1", "2823-3", 4m, "mmol/L", "2023-01-01");
        observation.Performer = [new ResourceReference("Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|1")];
        var file = Path.Combine(_folder, "Observation.ndjson");
        await File.WriteAllLinesAsync(file, [FhirJson.Serialize(Records.Patient("p1", "Lovelace", "Ada", "1985-12-10", "M1")), FhirJson.Serialize(observation)]);

        var result = await new FhirImporter(_temp.Store, new FhirImportOptions { References = ReferenceMode.Lenient }).ImportAsync(file);

        var failure = Assert.Single(result.Failures);
        Assert.Contains("Observation.ndjson line 2", failure.Error);
        Assert.Contains("matches 2 resources (Practitioner/a, Practitioner/b)", failure.Error);
        Assert.DoesNotContain("Patient", (await _temp.Store.CountByTypeAsync()).Keys);
    }

    public void Dispose()
    {
        _temp.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
