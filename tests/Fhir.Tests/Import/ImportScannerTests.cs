using System.Text;
using ClinicalAgent.Fhir.Import;
using Xunit;

namespace ClinicalAgent.Fhir.Tests.Import;

/// <summary>The NDJSON planning scan on all cores finds what the one-thread scan finds: items in order, conditionals, the first bad line.</summary>
public sealed class ImportScannerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-scan-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Scan_Parallel_GivesTheItemsAndConditionalsOfTheSerialScan()
    {
        // 700 lines cross the scan's batches of 256; blank lines shift the line numbers.
        var lines = Enumerable.Range(0, 700).Select(i => i % 7 == 0
            ? ""
            : $"{{\"resourceType\":\"Observation\",\"id\":\"o{i}\",\"identifier\":[{{\"system\":\"urn:s\",\"value\":\"v{i}\"}}],"
              + $"\"subject\":{{\"reference\":\"Patient?identifier=urn:p|{i % 13}\"}},\"performer\":[{{\"reference\":\"Practitioner/p{i}\"}}]}}");
        var path = Write(lines);

        var serial = ImportScanner.Scan(path, parallel: false);
        var parallel = ImportScanner.Scan(path, parallel: true);

        Assert.Null(serial.Error);
        Assert.Null(parallel.Error);
        Assert.Equal(600, serial.Items.Count);
        Assert.Equal(serial.Items.Select(Show), parallel.Items.Select(Show));
        Assert.Equal(13, serial.Conditionals.Count);
        Assert.Equal(serial.Conditionals.Order(StringComparer.Ordinal), parallel.Conditionals.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("{\"resourceType\":\"Patient\",\"id\":", "Malformed JSON in Patients.ndjson line 301")]
    [InlineData("{\"id\":\"x\"}", "Not FHIR JSON in Patients.ndjson line 301: no resourceType.")]
    [InlineData("{\"resourceType\":\"MedicationOrder\",\"id\":\"x\"}", "Patients.ndjson line 301")]
    public void Scan_Parallel_ReportsTheFirstBadLineAsTheSerialScan(string bad, string expected)
    {
        // Two bad lines in one batch and a later one: the first in file order is named, as before.
        var lines = Enumerable.Range(1, 600).Select(i => i is 301 or 302 or 550 ? bad : $"{{\"resourceType\":\"Patient\",\"id\":\"p{i}\"}}");
        var path = Write(lines, "Patients.ndjson");

        var serial = ImportScanner.Scan(path, parallel: false);
        var parallel = ImportScanner.Scan(path, parallel: true);

        Assert.Contains(expected, serial.Error, StringComparison.Ordinal);
        Assert.Equal(serial.Error, parallel.Error);
        Assert.Empty(parallel.Items);
    }

    private static string Show(ScannedItem item) => $"{item.Index} {item.Type}/{item.Id} [{string.Join(",", item.Identifiers)}]";

    private string Write(IEnumerable<string> lines, string name = "Observation.ndjson")
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, string.Join("\n", lines), new UTF8Encoding(false));
        return path;
    }
}
