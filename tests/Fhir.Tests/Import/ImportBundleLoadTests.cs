using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ClinicalAgent.Fhir.Import;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Fhir.Synthetic;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace ClinicalAgent.Fhir.Tests.Import;

/// <summary>
/// A folder of Bundles loaded as NDJSON is (file by file, or consecutive files in one load) stores the rows, reports the
/// outcome and fails the files, with the errors, that sending each file as a transaction does.
/// </summary>
public sealed class ImportBundleLoadTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2023, 11, 13, 10, 15, 0, TimeSpan.Zero);
    private static readonly string[] Tables = ["resources", "history", "token_idx", "string_idx", "date_idx", "reference_idx", "number_idx", "changes", "date_stats"];

    // Before: each file a transaction (a batch entry by entry); then each loaded alone; then the default, grouped.
    private static readonly (string Name, FhirImportOptions Options)[] Ways =
    [
        ("transactions", new() { LoadBundles = false, GroupResources = 0, ParseAhead = false }),
        ("loaded", new() { GroupResources = 0 }),
        ("grouped", new()),
    ];

    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-bundle-load-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task ImportAsync_SyntheaFolderAndItsReimport_StoresWhatTransactionsStore()
    {
        var export = Export(patients: 4);

        var runs = new List<(string Summary, List<string> Rows)>();
        foreach (var (name, options) in Ways)
        {
            using var store = Open(name);
            var first = await new FhirImporter(store, options).ImportAsync(export);
            var again = await new FhirImporter(store, options).ImportAsync(export);
            Assert.True(first.Succeeded && again.Succeeded, string.Join("\n", first.Failures.Concat(again.Failures).Select(f => f.Error)));
            Assert.True(first.Created > 1000 && first.Updated == 0, Summary(first));
            Assert.True(again.Created == 0 && again.Updated > 1000 && again.Skipped > 0, Summary(again));
            runs.Add(($"{Summary(first)} then {Summary(again)}", Dump(store)));
        }

        Assert.All(runs, run => Assert.Equal(runs[0].Summary, run.Summary));
        Assert.All(runs, run => Assert.Equal(runs[0].Rows, run.Rows));
    }

    [Fact]
    public async Task ImportAsync_FolderWithBadFiles_FailsThoseWithTheTransactionsErrorsAndStoresTheRest()
    {
        var export = Export(patients: 4);
        var patients = Directory.GetFiles(export, "*_*.json").Order(StringComparer.Ordinal).ToList();
        // A patient file whose new entry refers to nothing the store holds; one whose Patient is not valid R4;
        // a provider batch with an entry its reference leaves unresolved (the other entries are written).
        Edit(patients[0], bundle => ((JsonArray)bundle["entry"]!).Add(JsonNode.Parse("""
            {"fullUrl":"urn:uuid:0c0c0c0c-0000-4000-8000-000000000001","resource":{"resourceType":"Observation","id":"note-1","status":"final",
             "code":{"text":"note"},"subject":{"reference":"Patient/nobody-here"}},"request":{"method":"POST","url":"Observation"}}
            """)));
        Edit(patients[2], bundle => bundle["entry"]![0]!["resource"]!["birthDate"] = "not-a-date");
        var practitioners = Directory.GetFiles(export, "practitionerInformation*.json").Single();
        Edit(practitioners, bundle => ((JsonArray)bundle["entry"]!).Add(JsonNode.Parse("""
            {"fullUrl":"urn:uuid:0c0c0c0c-0000-4000-8000-000000000002","resource":{"resourceType":"Practitioner","id":"unresolved-1",
             "identifier":[{"system":"http://hl7.org/fhir/sid/us-npi","value":"9999999999"}],
             "qualification":[{"code":{"text":"MD"},"issuer":{"reference":"urn:uuid:not-in-this-file"}}]},
             "request":{"method":"POST","url":"Practitioner","ifNoneExist":"identifier=http://hl7.org/fhir/sid/us-npi|9999999999"}}
            """)));

        var runs = new List<(string Failures, string Summary, List<string> Rows)>();
        foreach (var (name, options) in Ways)
        {
            using var store = Open(name);
            var result = await new FhirImporter(store, options).ImportAsync(export);
            var failures = string.Join("\n", result.Failures.OrderBy(f => f.File, StringComparer.Ordinal).Select(f => $"{Path.GetFileName(f.File)}: {f.Error}"));
            runs.Add((failures, Summary(result), Dump(store)));
        }

        var (expected, summary, rows) = runs[0];
        Assert.True(expected.Split('\n').Length == 3, expected);
        Assert.Contains("refers to Patient/nobody-here, which does not exist", expected, StringComparison.Ordinal);
        Assert.Contains("not-a-date", expected, StringComparison.Ordinal);
        Assert.Contains("urn:uuid:not-in-this-file", expected, StringComparison.Ordinal);
        Assert.True(rows.Count(r => r.StartsWith("resources|", StringComparison.Ordinal)) > 500, summary);
        Assert.All(runs, run => Assert.Equal(expected, run.Failures));
        Assert.All(runs, run => Assert.Equal(summary, run.Summary));
        Assert.All(runs, run => Assert.Equal(rows, run.Rows));
    }

    [Fact]
    public async Task ImportAsync_FilesLoadedTogether_ReportResourcesAsTheyAreStored()
    {
        var export = Export(patients: 4);
        using var store = Open("progress");
        var reports = new List<ImportProgress>();

        var result = await new FhirImporter(store).ImportAsync(export, new InlineProgress<ImportProgress>(reports.Add));

        // The store reports every chunk of 512; the whole folder is one load, so without those only 0 and the end.
        var counts = reports.Select(r => r.Resources).ToList();
        Assert.Equal(result.Created, counts[^1]);
        Assert.Equal(counts.Order(), counts);
        Assert.True(counts.Count(c => c > 0 && c < result.Created) >= 2, string.Join(", ", counts));
    }

    [Fact]
    public async Task ImportAsync_BundleWithByteOrderMark_IsImported()
    {
        var export = Export(patients: 2);
        var patient = Directory.GetFiles(export, "*_*.json").Order(StringComparer.Ordinal).First();
        File.WriteAllBytes(patient, [.. Encoding.UTF8.GetPreamble(), .. File.ReadAllBytes(patient)]);

        foreach (var (name, options) in Ways)
        {
            using var store = Open(name);
            var result = await new FhirImporter(store, options).ImportAsync(export);

            Assert.True(result.Succeeded, string.Join("\n", result.Failures.Select(f => f.Error)));
            Assert.Equal(2, (await store.CountByTypeAsync())["Patient"]);
        }
    }

    private string Export(int patients)
    {
        var folder = Path.Combine(_folder, "export");
        var resources = new SyntheticPatientGenerator(new SyntheticOptions(patients, 11, Now, SyntheticStyle.Synthea, Images: false)).Generate();
        SyntheaExportWriter.Write(resources, folder, Now);
        return folder;
    }

    private static void Edit(string file, Action<JsonNode> change)
    {
        var bundle = JsonNode.Parse(File.ReadAllText(file))!;
        change(bundle);
        File.WriteAllText(file, bundle.ToJsonString());
    }

    private SqliteFhirStore Open(string name) =>
        new(new FhirStoreOptions { DatabasePath = Path.Combine(_folder, name + ".db") }, new FakeTimeProvider(Now));

    private static string Summary(ImportResult result) =>
        $"{result.Files} files: {result.Created} created, {result.Updated} updated, {result.Skipped} skipped, {result.Failures.Count} failed";

    // Every row of every table, sorted: index rows are the same set whichever statements wrote them.
    private static List<string> Dump(SqliteFhirStore store)
    {
        using var connection = new SqliteConnection($"Data Source={store.DatabasePath};Mode=ReadOnly;Pooling=false");
        connection.Open();
        var rows = new List<string>();
        foreach (var table in Tables)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table}";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows.Add(table + "|" + string.Join("|", Enumerable.Range(0, reader.FieldCount)
                    .Select(i => reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
            }
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }
}
