using System.Globalization;
using ClinicalAgent.Fhir.Import;
using ClinicalAgent.Fhir.Serialization;
using ClinicalAgent.Fhir.Synthetic;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Tests.Import;

public sealed class ExportImportTests : IDisposable
{
    private static readonly SyntheticOptions Options = new(3, 21, DateTimeOffset.Parse("2023-11-13T10:15:00Z", CultureInfo.InvariantCulture));
    private readonly TempStore _temp = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-export-").FullName;

    [Fact]
    public void Write_ThreePatients_WritesSyntheaLayout()
    {
        SyntheaExportWriter.Write(new SyntheticPatientGenerator(Options).Generate(), _folder, Options.Now);

        var names = Directory.GetFiles(_folder).Select(Path.GetFileName).ToList();
        Assert.Single(names, n => n!.StartsWith("hospitalInformation", StringComparison.Ordinal));
        Assert.Single(names, n => n!.StartsWith("practitionerInformation", StringComparison.Ordinal));
        var patientFiles = Directory.GetFiles(_folder).Where(f => !Path.GetFileName(f).Contains("Information", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, patientFiles.Count);
        var bundle = FhirJson.Parse<Bundle>(File.ReadAllText(patientFiles[0]));
        Assert.Equal(Bundle.BundleType.Transaction, bundle.Type);
        Assert.All(bundle.Entry, e => Assert.Equal(Bundle.HTTPVerb.POST, e.Request.Method));
        Assert.All(bundle.Entry, e => Assert.Equal($"urn:uuid:{e.Resource.Id}", e.FullUrl));
        var encounter = bundle.Entry.Select(e => e.Resource).OfType<Encounter>().First();
        Assert.StartsWith("Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|", encounter.Participant[0].Individual.Reference);
        Assert.StartsWith($"Organization?identifier={SyntheaExportWriter.SyntheaSystem}|", encounter.ServiceProvider.Reference);
        Assert.StartsWith("urn:uuid:", encounter.Subject.Reference);
    }

    [Fact]
    public void Write_SameOptionsTwice_WritesIdenticalBytes()
    {
        var second = Path.Combine(_folder, "second");

        SyntheaExportWriter.Write(new SyntheticPatientGenerator(Options).Generate(), Path.Combine(_folder, "first"), Options.Now);
        SyntheaExportWriter.Write(new SyntheticPatientGenerator(Options).Generate(), second, Options.Now);

        var first = Directory.GetFiles(Path.Combine(_folder, "first")).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(first.Select(Path.GetFileName), Directory.GetFiles(second).Order(StringComparer.Ordinal).Select(Path.GetFileName));
        Assert.All(first, f => Assert.Equal(File.ReadAllBytes(f), File.ReadAllBytes(Path.Combine(second, Path.GetFileName(f)))));
    }

    [Fact]
    public async Task ImportAsync_SyntheaExportFolder_StoresEveryGeneratedResourceByType()
    {
        var generated = new SyntheticPatientGenerator(Options).Generate().ToList();
        SyntheaExportWriter.Write(generated, _folder, Options.Now);

        var result = await new FhirImporter(_temp.Store).ImportAsync(_folder);

        Assert.True(result.Succeeded, string.Join("\n", result.Failures.Select(f => f.Error)));
        Assert.Equal(generated.Count, result.Created);
        var expected = generated.GroupBy(r => r.TypeName).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(expected.OrderBy(p => p.Key), (await _temp.Store.CountByTypeAsync()).OrderBy(p => p.Key));
    }

    [Fact]
    public async Task ImportAsync_SyntheaExportTwice_SameCountsNoDuplicates()
    {
        var generated = new SyntheticPatientGenerator(Options).Generate().ToList();
        SyntheaExportWriter.Write(generated, _folder, Options.Now);
        await new FhirImporter(_temp.Store).ImportAsync(_folder);
        var before = await _temp.Store.CountByTypeAsync();

        var second = await new FhirImporter(_temp.Store).ImportAsync(_folder);

        Assert.True(second.Succeeded, string.Join("\n", second.Failures.Select(f => f.Error)));
        Assert.Equal(0, second.Created);
        Assert.Equal(generated.Count, second.Updated + second.Skipped);
        Assert.Equal(before, await _temp.Store.CountByTypeAsync());
    }

    [Fact]
    public async Task ImportAsync_SyntheaPatientFilesOnly_StrictFailsEachLenientStoresEach()
    {
        SyntheaExportWriter.Write(new SyntheticPatientGenerator(Options).Generate(), _folder, Options.Now);
        foreach (var provider in Directory.GetFiles(_folder, "*Information*.json"))
        {
            File.Delete(provider);
        }

        var strict = await new FhirImporter(_temp.Store).ImportAsync(_folder);
        var lenient = await new FhirImporter(_temp.Store, new FhirImportOptions { References = ReferenceMode.Lenient }).ImportAsync(_folder);

        Assert.Equal(3, strict.FailedFiles);
        Assert.All(strict.Failures, f => Assert.Contains("--references lenient", f.Error));
        Assert.True(lenient.Succeeded, string.Join("\n", lenient.Failures.Select(f => f.Error)));
        Assert.True(lenient.KeptReferences > 3, lenient.KeptReferences.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(3, (await _temp.Store.CountByTypeAsync())["Patient"]);
    }

    public void Dispose()
    {
        _temp.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
