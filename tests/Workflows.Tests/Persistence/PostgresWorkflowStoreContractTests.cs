using ClinicalAgent.Workflows.Persistence;
using ClinicalAgent.Workflows.Persistence.Postgres;

namespace ClinicalAgent.Workflows.Tests.Persistence;

/// <summary>The store contract on PostgreSQL: a private server per class, a fresh database per test.</summary>
public sealed class PostgresWorkflowStoreContractTests(PostgresServer server) : WorkflowStoreContract, IClassFixture<PostgresServer>
{
    protected override IWorkflowStore Open(TimeProvider time) => PostgresWorkflowStore.OpenAsync(server.NewDatabase(), time).GetAwaiter().GetResult();

    [Fact]
    public async Task Open_Twice_SchemaCreationIsIdempotent()
    {
        var database = server.NewDatabase();
        using var first = await PostgresWorkflowStore.OpenAsync(database);

        using var second = await PostgresWorkflowStore.OpenAsync(database);

        Assert.Empty(await second.ListAsync());
        Assert.EndsWith($":{server.Port}/" + new Npgsql.NpgsqlConnectionStringBuilder(database).Database, second.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_UnreachableServer_SaysWhereWithoutThePassword()
    {
        var error = await Assert.ThrowsAsync<WorkflowStoreException>(() =>
            PostgresWorkflowStore.OpenAsync("Host=127.0.0.1;Port=1;Username=u;Password=s3cret-pw;Database=wf;Timeout=2"));

        Assert.Contains("127.0.0.1:1/wf", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw", error.Message, StringComparison.Ordinal);
    }
}
