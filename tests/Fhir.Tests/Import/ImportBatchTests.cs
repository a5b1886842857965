using ClinicalAgent.Fhir.Import;
using ClinicalAgent.Fhir.Serialization;
using ClinicalAgent.Fhir.Tests.Storage;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Tests.Import;

public sealed class ImportBatchTests : IDisposable
{
    private readonly TempStore _temp = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-import-").FullName;

    [Fact]
    public async Task ImportAsync_BatchWithOneBadEntry_ReportsOneWrittenAndOneFailed()
    {
        var batch = new Bundle { Type = Bundle.BundleType.Batch };
        batch.Entry.Add(Post(Records.Patient("p1", "Lovelace", "Ada", "1985-12-10", "M1")));
        batch.Entry.Add(Post(Records.Lab("o1", "ghost", "2823-3", 4m, "mmol/L", "2023-01-01")));
        var file = Path.Combine(_folder, "batch.json");
        await File.WriteAllTextAsync(file, FhirJson.Serialize(batch));

        var result = await new FhirImporter(_temp.Store).ImportAsync(file);

        Assert.Equal(1, result.Created);
        var failure = Assert.Single(result.Failures);
        Assert.StartsWith("Bundle.entry[1]", failure.Error);
        Assert.Contains("Patient/ghost", failure.Error);
        Assert.Equal(1, (await _temp.Store.CountByTypeAsync())["Patient"]);
        Assert.DoesNotContain("Observation", (await _temp.Store.CountByTypeAsync()).Keys);
    }

    [Fact]
    public async Task ImportAsync_BatchEntryWithUnresolvedConditionalReference_FailsOnlyThatEntry()
    {
        var observation = Records.Lab("o1", "p1", "2823-3", 4m, "mmol/L", "2023-01-01");
        observation.Performer = [new ResourceReference("Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|404")];
        var batch = new Bundle { Type = Bundle.BundleType.Batch };
        batch.Entry.Add(Post(Records.Patient("p1", "Lovelace", "Ada", "1985-12-10", "M1")));
        batch.Entry.Add(Post(observation));
        var file = Path.Combine(_folder, "batch.json");
        await File.WriteAllTextAsync(file, FhirJson.Serialize(batch));

        var result = await new FhirImporter(_temp.Store).ImportAsync(file);

        Assert.Equal(1, result.Created);
        var failure = Assert.Single(result.Failures);
        Assert.StartsWith("Bundle.entry[1]", failure.Error);
        Assert.Contains("--references lenient", failure.Error);
    }

    private static Bundle.EntryComponent Post(Resource resource) => new()
    {
        Resource = resource,
        Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = resource.TypeName },
    };

    public void Dispose()
    {
        _temp.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
