using ClinicalAgent.Workflows.Persistence;

namespace ClinicalAgent.Workflows.Tests.Persistence;

public sealed class WorkflowStoreFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-wfstore-").FullName;

    [Fact]
    public async Task Open_NewStore_OwnerOnlyFileAndFolder()
    {
        var path = Path.Combine(_folder, "private", "store.workflows.db");

        using (var store = new WorkflowStore(path))
        {
            Assert.Empty(await store.ListAsync());
        }

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
