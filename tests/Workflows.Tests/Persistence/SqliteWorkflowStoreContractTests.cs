using ClinicalAgent.Workflows.Persistence;

namespace ClinicalAgent.Workflows.Tests.Persistence;

/// <summary>The store contract on the SQLite file store.</summary>
public sealed class SqliteWorkflowStoreContractTests : WorkflowStoreContract
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-wfcontract-").FullName;

    protected override IWorkflowStore Open(TimeProvider time) => new WorkflowStore(Path.Combine(_folder, "store.workflows.db"), time);

    protected override void AfterStoreClosed()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
