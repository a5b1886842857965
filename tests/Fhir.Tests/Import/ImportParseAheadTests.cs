using ClinicalAgent.Fhir.Import;
using ClinicalAgent.Fhir.Serialization;
using ClinicalAgent.Fhir.Tests.Storage;

namespace ClinicalAgent.Fhir.Tests.Import;

/// <summary>NDJSON parsed ahead of the store gives the outcome, stored JSON and first bad line of parsing in turn with it.</summary>
public sealed class ImportParseAheadTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-ahead-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task ImportAsync_ParsedAhead_StoresWhatParsingInTurnStores()
    {
        var file = Write(Enumerable.Range(1, 1200).Select(i => FhirJson.Serialize(Records.Patient($"p{i}", "Lovelace", $"Ada{i}", "1985-12-10", $"M{i}"))));

        var (inTurn, inTurnJson) = await ImportAsync(file, parseAhead: false);
        var (ahead, aheadJson) = await ImportAsync(file, parseAhead: true);

        Assert.True(ahead.Succeeded);
        Assert.Equal(1200, ahead.Created);
        Assert.Equal((inTurn.Created, inTurn.Updated, inTurn.Skipped), (ahead.Created, ahead.Updated, ahead.Skipped));
        Assert.Equal(inTurnJson, aheadJson);
    }

    [Fact]
    public async Task ImportAsync_ParsedAheadWithBadLines_NamesTheFirstAndStoresNothing()
    {
        // Bad lines in a later batch than the first (batches of 256), the second within the batches parsed ahead.
        var lines = Enumerable.Range(1, 1200).Select(i => i is 700 or 900
            ? $$"""{"resourceType":"Patient","id":"p{{i}}","birthDate":"not-a-date-{{i}}"}"""
            : FhirJson.Serialize(Records.Patient($"p{i}", "Lovelace", $"Ada{i}", "1985-12-10", $"M{i}")));
        var file = Write(lines);

        var (inTurn, _) = await ImportAsync(file, parseAhead: false);
        var (ahead, count) = await ImportAsync(file, parseAhead: true);

        var failure = Assert.Single(ahead.Failures);
        Assert.Contains("Patient.ndjson line 700", failure.Error, StringComparison.Ordinal);
        Assert.Contains("not-a-date-700", failure.Error, StringComparison.Ordinal);
        Assert.Equal(Assert.Single(inTurn.Failures).Error, failure.Error);
        Assert.Equal("", count);
    }

    // The result and the stored Patients' JSON by id ("" when none), meta.lastUpdated left out.
    private static async Task<(ImportResult Result, string Stored)> ImportAsync(string file, bool parseAhead)
    {
        using var temp = new TempStore();
        var result = await new FhirImporter(temp.Store, new FhirImportOptions { ParseAhead = parseAhead }).ImportAsync(file);
        var stored = new List<string>();
        for (var i = 1; i <= 1200; i += 97)
        {
            if ((await temp.Store.CountByTypeAsync()).Count == 0)
                break;
            var patient = await temp.Store.ReadAsync("Patient", $"p{i}");
            patient.Meta.LastUpdated = null;
            stored.Add(FhirJson.Serialize(patient));
        }

        return (result, string.Join("\n", stored));
    }

    private string Write(IEnumerable<string> lines)
    {
        var path = Path.Combine(_folder, "Patient.ndjson");
        File.WriteAllLines(path, lines);
        return path;
    }
}
