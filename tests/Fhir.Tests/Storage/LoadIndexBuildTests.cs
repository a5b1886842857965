using System.Globalization;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Fhir.Synthetic;
using ClinicalAgent.Fhir.Tests.Rest;
using Hl7.Fhir.Model;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ClinicalAgent.Fhir.Tests.Storage;

/// <summary>
/// A bulk load into an empty store commits its data, then builds the secondary indexes in a second transaction while
/// another connection checkpoints: it ends with the same indexes as one commit, with every page in the database file,
/// and automatic checkpoints back on. What a stop between the two commits leaves (no secondary indexes) is mended by
/// the next open, and a build that cannot take the write lock keeps the load and says so.
/// </summary>
public sealed class LoadIndexBuildTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2023, 11, 13, 10, 15, 0, TimeSpan.Zero);

    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-index-build-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task LoadAsync_IntoAnEmptyStore_EndsWithEveryIndexAndEveryPageCheckpointed(bool indexAfterCommit)
    {
        using var store = Open("empty", indexAfterCommit);
        var expected = Schema(store.DatabasePath);

        // Well past SQLite's automatic checkpoint (1,000 pages of 4 KiB), so that a commit left without it would show.
        await store.LoadAsync(Records().Concat(Binaries("first", 60)));

        Assert.Equal(expected, Schema(store.DatabasePath));
        Assert.True(Checkpointed(store.DatabasePath), "the load's pages are still only in the write-ahead log");

        // The automatic checkpoint is on again: a later load (into a store that is no longer empty) is copied too.
        await store.LoadAsync(Binaries("second", 60));
        Assert.True(Checkpointed(store.DatabasePath), "a later write's pages are still only in the write-ahead log");
    }

    [Fact]
    public async Task Open_AStoreLeftWithoutItsSecondaryIndexes_BuildsThemAndSearchesAnswerTheSame()
    {
        var path = Path.Combine(_folder, "stopped.db");
        List<string> expected;
        List<string> found;
        using (var store = Open("stopped", indexAfterCommit: true))
        {
            expected = Schema(path);
            await store.LoadAsync(Records());
            found = await SearchIds(store);
        }

        // What a process stopped between the data's commit and the indexes' leaves behind.
        using (var connection = Connection(path))
            StoreSchema.DropSecondaryIndexes(connection, null);
        Assert.NotEqual(expected, Schema(path));

        using var reopened = Open("stopped", indexAfterCommit: true);
        Assert.Equal(expected, Schema(path));
        Assert.NotEmpty(found);
        Assert.Equal(found, await SearchIds(reopened));
    }

    [Fact]
    public async Task Build_WhileAnotherConnectionHoldsTheWriteLock_KeepsTheLoadLogsAndLeavesTheIndexesToTheNextOpen()
    {
        var path = Path.Combine(_folder, "busy.db");
        List<string> expected;
        using (var store = Open("busy", indexAfterCommit: true))
        {
            expected = Schema(path);
            await store.LoadAsync(Records());
        }

        using (var connection = Connection(path))
            StoreSchema.DropSecondaryIndexes(connection, null);
        var resources = Count(path);

        using var logs = new ListLoggerProvider();
        using var blocker = Connection(path);
        using var writer = Connection(path);
        using (var held = blocker.BeginTransaction(deferred: false))
        {
            var built = LoadIndexBuild.Build(writer, () => Connection(path), 1000, logs.CreateLogger("store"));

            Assert.False(built);
            Assert.Contains(logs.Messages, m => m.StartsWith("Warning: The loaded resources are stored", StringComparison.Ordinal) && m.Contains("next opened", StringComparison.Ordinal));
            held.Rollback();
        }

        Assert.Equal(resources, Count(path));
        Assert.NotEqual(expected, Schema(path));
        Assert.True(LoadIndexBuild.Build(writer, () => Connection(path), 1000, logs.CreateLogger("store")));
        Assert.Equal(expected, Schema(path));
    }

    private static IEnumerable<Resource> Records() =>
        new SyntheticPatientGenerator(new SyntheticOptions(3, 7, Now)).Generate();

    // 100 KiB each in base64: 60 are about 8 MB of JSON, some 2,000 pages.
    private static IEnumerable<Resource> Binaries(string prefix, int count)
    {
        var random = new Random(11);
        for (var i = 0; i < count; i++)
        {
            var data = new byte[100 * 1024];
            random.NextBytes(data);
            yield return new Binary { Id = $"{prefix}-{i}", ContentType = "application/octet-stream", Data = data };
        }
    }

    private static async Task<List<string>> SearchIds(SqliteFhirStore store)
    {
        var patient = (await store.SearchAsync("Patient", SearchQuery.Parse("_count=1"))).Entry[0].Resource.Id;
        var bundle = await store.SearchAsync("Observation", SearchQuery.Parse($"subject=Patient/{patient}&date=ge2020-01-01&_count=1000"));
        return [.. bundle.Entry.Select(e => e.Resource.Id).Order(StringComparer.Ordinal)];
    }

    // Every page of the database is in its file (none only in the log): the file is as long as the database.
    private static bool Checkpointed(string path)
    {
        using var connection = Connection(path);
        var pages = Scalar(connection, "PRAGMA page_count");
        var pageSize = Scalar(connection, "PRAGMA page_size");
        return new FileInfo(path).Length == pages * pageSize;
    }

    private static long Count(string path)
    {
        using var connection = Connection(path);
        return Scalar(connection, "SELECT COUNT(*) FROM resources");
    }

    private static List<string> Schema(string path)
    {
        using var connection = Connection(path);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name || ' ' || sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
            rows.Add(reader.GetString(0));
        return rows;
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static SqliteConnection Connection(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=false;Default Timeout=1");
        connection.Open();
        return connection;
    }

    private SqliteFhirStore Open(string name, bool indexAfterCommit) =>
        new(new FhirStoreOptions { DatabasePath = Path.Combine(_folder, name + ".db"), IndexAfterCommit = indexAfterCommit, LoadChunk = 64 },
            new FakeTimeProvider(Now));
}
