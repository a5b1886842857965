using ClinicalAgent.Fhir.Storage;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Tests.Storage;

public sealed class StoreWriterLockTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-lock-").FullName;

    private string Db => Path.Combine(_folder, "store.db");

    [Fact]
    public void Open_SecondWriter_FailsAtOnceNamingTheFirst()
    {
        using var first = new SqliteFhirStore(new FhirStoreOptions { DatabasePath = Db, Writer = "clinicalagent serve" });

        var refused = Assert.Throws<StoreInUseException>(() => new SqliteFhirStore(new FhirStoreOptions { DatabasePath = Db, Writer = "clinicalagent fhir import" }));

        Assert.Contains($"the store {Db} is in use by process {Environment.ProcessId} (clinicalagent serve)", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_ReaderBesideAWriter_ReadsWhatItWrote()
    {
        using var writer = new SqliteFhirStore(new FhirStoreOptions { DatabasePath = Db, Writer = "clinicalagent serve" });
        var created = await writer.CreateAsync(new Patient { Name = [new HumanName { Family = "Beside" }] });

        using var reader = new SqliteFhirStore(new FhirStoreOptions { DatabasePath = Db });
        var read = (Patient)await reader.ReadAsync("Patient", created.Resource.Id);

        Assert.Equal("Beside", read.Name[0].Family);
    }

    [Fact]
    public void Open_AfterTheWriterClosed_Succeeds()
    {
        new SqliteFhirStore(new FhirStoreOptions { DatabasePath = Db, Writer = "clinicalagent fhir seed" }).Dispose();

        using var next = new SqliteFhirStore(new FhirStoreOptions { DatabasePath = Db, Writer = "clinicalagent serve" });

        Assert.Contains("clinicalagent serve", File.ReadAllText(Db + ".lock.owner"), StringComparison.Ordinal);
    }

    [Fact]
    public void Open_Writer_LockFilesOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
            return;

        using var writer = new SqliteFhirStore(new FhirStoreOptions { DatabasePath = Db, Writer = "clinicalagent serve" });

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Db + ".lock"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Db + ".lock.owner"));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
