using ClinicalAgent.Fhir.Storage;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Tests.Storage;

/// <summary>What the store does with what it finds at its path: never turn a wrong or damaged file into a store.</summary>
public sealed class StoreFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-storefile-").FullName;

    [Fact]
    public void Open_ZeroLengthFile_RefusedAndLeftAsItWas()
    {
        var path = Path.Combine(_folder, "empty.db");
        File.WriteAllBytes(path, []);

        var error = Assert.Throws<InvalidOperationException>(() => new SqliteFhirStore(new FhirStoreOptions { DatabasePath = path }));

        Assert.Contains("is an empty file, not a FHIR store", error.Message);
        Assert.Equal(0, new FileInfo(path).Length);
    }

    [Fact]
    public void Open_TextFile_RefusedWithoutEchoingIt()
    {
        var path = Path.Combine(_folder, "notes.db");
        File.WriteAllText(path, "Patient John Doe, potassium 2.9 — my own notes, not a database");

        var error = Assert.Throws<InvalidOperationException>(() => new SqliteFhirStore(new FhirStoreOptions { DatabasePath = path }));

        Assert.Contains("not a SQLite database", error.Message);
        Assert.DoesNotContain("John", error.Message);
        Assert.StartsWith("Patient John Doe", File.ReadAllText(path));
    }

    [Fact]
    public async System.Threading.Tasks.Task Open_DamagedPages_RefusedNamingTheCheck()
    {
        var path = Path.Combine(_folder, "store.db");
        using (var store = new SqliteFhirStore(new FhirStoreOptions { DatabasePath = path }))
        {
            for (var i = 0; i < 200; i++)
            {
                await store.CreateAsync(new Patient { Name = [new HumanName { Family = "Family" + i }] });
            }
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Corrupt(path);

        var error = Assert.Throws<InvalidOperationException>(() => new SqliteFhirStore(new FhirStoreOptions { DatabasePath = path }));

        Assert.Matches("damaged|malformed|not a database", error.Message);
    }

    [Fact]
    public void Open_NewStore_OwnerOnlyFileAndFolder()
    {
        var path = Path.Combine(_folder, "private", "store.db");

        using (new SqliteFhirStore(new FhirStoreOptions { DatabasePath = path }))
        {
        }

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
        }

        Assert.True(new FileInfo(path).Length > 0);
    }

    // Overwrites the pages after the first two (the header and the schema survive, the tables' pages do not).
    private static void Corrupt(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        var pageSize = 4096;
        var garbage = Enumerable.Repeat((byte)0xA5, pageSize).ToArray();
        for (long offset = 2 * pageSize; offset + pageSize <= stream.Length; offset += 3 * pageSize)
        {
            stream.Position = offset;
            stream.Write(garbage);
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
