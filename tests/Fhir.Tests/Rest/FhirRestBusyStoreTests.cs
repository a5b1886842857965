using System.Net;
using ClinicalAgent.Fhir.Storage;
using Hl7.Fhir.Model;
using Microsoft.Data.Sqlite;

namespace ClinicalAgent.Fhir.Tests.Rest;

public sealed class FhirRestBusyStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-busy-").FullName;

    [Fact]
    public async Task Put_StoreHeldByAnotherWriter_503WithRetryAfterThenWrites()
    {
        var db = Path.Combine(_folder, "store.db");
        using var store = new SqliteFhirStore(new FhirStoreOptions { DatabasePath = db, BusyTimeoutSeconds = 1 });
        await using var server = await FhirTestServer.StartAsync(store);
        var patient = new Patient { Id = "busy-1", Name = [new HumanName { Family = "Busy" }] };
        // Another process's long write: a connection of its own holding SQLite's write lock.
        using var other = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false }.ToString());
        other.Open();
        using (var begin = other.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            begin.ExecuteNonQuery();
        }

        using var busy = await server.Client.PutAsync("Patient/busy-1", FhirHttp.Json(patient));
        using (var rollback = other.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK";
            rollback.ExecuteNonQuery();
        }

        using var after = await server.Client.PutAsync("Patient/busy-1", FhirHttp.Json(patient));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), busy.Headers.RetryAfter?.Delta);
        Assert.Equal(OperationOutcome.IssueType.Transient, (await FhirHttp.ReadAsync<OperationOutcome>(busy)).Issue[0].Code);
        Assert.Equal(HttpStatusCode.Created, after.StatusCode);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
