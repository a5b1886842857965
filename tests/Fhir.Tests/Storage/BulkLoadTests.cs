using System.Globalization;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Fhir.Synthetic;
using Hl7.Fhir.Model;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ClinicalAgent.Fhir.Tests.Storage;

/// <summary>
/// A bulk load prepared ahead of the writer (its own thread, its own lookups) stores exactly what preparing in line
/// stores — rows, order, versions, history — and a failure or cancellation anywhere leaves the store as it was.
/// </summary>
public sealed class BulkLoadTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2023, 11, 13, 10, 15, 0, TimeSpan.Zero);
    private static readonly string[] Tables =
        ["resources", "history", "token_idx", "string_idx", "date_idx", "reference_idx", "number_idx", "changes", "date_stats"];

    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-bulk-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task LoadAsync_PreparedAhead_StoresTheSameRowsAsPreparedInLine()
    {
        using var inLine = Open("in-line", ahead: false);
        using var ahead = Open("ahead", ahead: true);

        var loadedInLine = await inLine.LoadAsync(Records());
        var loadedAhead = await ahead.LoadAsync(Records());

        Assert.Equal(loadedInLine, loadedAhead);
        Assert.Equal(2, Dump(inLine, "history").Count); // the first patient's two earlier versions
        foreach (var table in Tables)
        {
            Assert.Equal(Dump(inLine, table), Dump(ahead, table));
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task LoadAsync_ChunkStatementsAndDeferredIndexes_StoreTheSameRowsAsResourceByResource(bool repeats)
    {
        using var byResource = Open("by-resource-" + repeats, ahead: true, fast: false);
        using var chunked = Open("chunked-" + repeats, ahead: true, fast: true);
        IEnumerable<Resource> Load() => repeats ? Records() : Records().SkipLast(2); // without the first patient's changes

        await byResource.LoadAsync(Load());
        await chunked.LoadAsync(Load());

        Assert.Equal(repeats ? 2 : 0, Dump(byResource, "history").Count);
        foreach (var table in Tables)
        {
            Assert.Equal(Dump(byResource, table), Dump(chunked, table));
        }

        Assert.Equal(Schema(byResource), Schema(chunked));
        Assert.Contains(Schema(chunked), line => line.StartsWith("index|token_by_rid|", StringComparison.Ordinal));
        using var connection = Read(chunked);
        Assert.Equal(["ok"], Rows(connection, "PRAGMA integrity_check")); // the indexes sorted on helper threads hold every row
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task LoadAsync_Utf8Json_StoresTheSameRowsAsStringJson(bool ahead)
    {
        using var strings = Open("strings-" + ahead, ahead, utf8: false);
        using var utf8 = Open("utf8-" + ahead, ahead, utf8: true);

        await strings.LoadAsync(Records());
        await utf8.LoadAsync(Records());

        foreach (var table in Tables)
        {
            Assert.Equal(Dump(strings, table), Dump(utf8, table));
        }

        using var connection = Read(utf8);
        Assert.Equal(["text"], Rows(connection, "SELECT DISTINCT typeof(json) FROM resources UNION SELECT DISTINCT typeof(json) FROM history"));
    }

    [Fact]
    public async Task LoadAsync_FailsWithIndexesDeferred_TheIndexesStayAndALaterLoadIsSearchable()
    {
        using var store = Open("deferred-fails", ahead: true, fast: true);
        var expected = Schema(store);
        var records = Records().ToList();
        records.Insert(40, new Patient { Id = "not a valid id" });

        await Assert.ThrowsAsync<FhirGatewayException>(() => store.LoadAsync(records));

        Assert.Equal(expected, Schema(store));
        var observation = Records().OfType<Observation>().First(o => o.Code?.Coding.Count > 0);
        await store.LoadAsync(Records());
        var coding = observation.Code.Coding[0];
        var found = await store.SearchAsync("Observation", Search.SearchQuery.Parse($"code={coding.System}|{coding.Code}&_count=1000"));
        Assert.Contains(observation.Id, found.Entry.Select(e => e.Resource.Id));
    }

    [Fact]
    public async Task LoadAsync_RepeatedAcrossChunks_VersionsFollowEachOther()
    {
        using var store = Open("versions", ahead: true);

        await store.LoadAsync(Records());

        var patient = Records().OfType<Patient>().First();
        var history = await store.HistoryAsync("Patient", patient.Id);
        Assert.Equal(["3", "2", "1"], history.Entry.Select(e => e.Resource.Meta.VersionId));
        Assert.Equal("Changed-2", ((Patient)await store.ReadAsync("Patient", patient.Id)).Name[0].Family);
    }

    [Fact]
    public async Task LoadAsync_IndexRowsInTheDatabase_AreAllOfAResourcesRowsInOrder()
    {
        using var store = Open("rows", ahead: true);
        var wide = new Observation
        {
            Id = "wide",
            Status = ObservationStatus.Final,
            Code = new CodeableConcept { Coding = [.. Enumerable.Range(0, 75).Select(i => new Coding("http://example.org/codes", "c" + i.ToString(CultureInfo.InvariantCulture)))] },
        };

        await store.LoadAsync([.. Records(), wide]);

        using var connection = Read(store);
        var tokens = Rows(connection, """
            SELECT t.code FROM token_idx t JOIN resources r ON r.rid = t.rid JOIN search_params p ON p.pid = t.pid
            WHERE r.id = 'wide' AND p.resource_type = 'Observation' AND p.name = 'code' ORDER BY t.rowid
            """);
        Assert.Equal(Enumerable.Range(0, 75).Select(i => "c" + i.ToString(CultureInfo.InvariantCulture)), tokens);
        var search = await store.SearchAsync("Observation", Search.SearchQuery.Parse("code=http://example.org/codes|c74"));
        Assert.Equal(["wide"], search.Entry.Select(e => e.Resource.Id));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task LoadAsync_BadResourceInALaterChunk_StoresNothingAndTheStoreStaysWritable(bool ahead)
    {
        using var store = Open("bad-" + ahead, ahead);
        var records = Records().ToList();
        records.Insert(40, new Patient { Id = "not a valid id" });

        var error = await Assert.ThrowsAsync<FhirGatewayException>(() => store.LoadAsync(records));

        Assert.Contains("not a valid id", error.Message, StringComparison.Ordinal);
        Assert.Empty(await store.CountByTypeAsync());
        await store.CreateAsync(new Patient { Name = [new HumanName { Family = "After" }] });
        Assert.Equal(1, (await store.CountByTypeAsync())["Patient"]);
    }

    [Fact]
    public async Task LoadAsync_EnumerationFailsMidway_StoresNothing()
    {
        using var store = Open("parse", ahead: true);

        IEnumerable<Resource> Failing()
        {
            foreach (var (resource, i) in Records().Select((r, i) => (r, i)))
            {
                if (i == 30)
                    throw FhirGatewayException.BadRequest("line 31 is not FHIR JSON");
                yield return resource;
            }
        }

        var error = await Assert.ThrowsAsync<FhirGatewayException>(() => store.LoadAsync(Failing()));

        Assert.EndsWith("line 31 is not FHIR JSON", error.Message, StringComparison.Ordinal);
        Assert.Empty(await store.CountByTypeAsync());
    }

    [Fact]
    public async Task LoadAsync_CancelledMidway_StoresNothing()
    {
        using var store = Open("cancel", ahead: true);
        using var cancel = new CancellationTokenSource();

        IEnumerable<Resource> CancelledAt20()
        {
            foreach (var (resource, i) in Records().Select((r, i) => (r, i)))
            {
                if (i == 20)
                    cancel.Cancel();
                yield return resource;
            }
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.LoadAsync(CancelledAt20(), cancellationToken: cancel.Token));

        Assert.Empty(await store.CountByTypeAsync());
    }

    // Two patients' records, then the first patient twice more (changed): repeats land in later chunks of 7.
    private static IEnumerable<Resource> Records()
    {
        var generated = new SyntheticPatientGenerator(new SyntheticOptions(2, 11, Now)).Generate().ToList();
        foreach (var resource in generated)
            yield return resource;
        var patient = generated.OfType<Patient>().First();
        for (var change = 1; change <= 2; change++)
        {
            var copy = (Patient)patient.DeepCopy();
            copy.Meta = null;
            copy.Name[0].Family = "Changed-" + change.ToString(CultureInfo.InvariantCulture);
            yield return copy;
        }
    }

    private SqliteFhirStore Open(string name, bool ahead, bool fast = true, bool utf8 = true) =>
        new(new FhirStoreOptions
        {
            DatabasePath = Path.Combine(_folder, name + ".db"),
            PrepareLoadAhead = ahead,
            LoadChunk = 7,
            BatchLoadRows = fast,
            DeferLoadIndexes = fast,
            SortOnAllCores = fast,
            Utf8Json = utf8,
        }, new FakeTimeProvider(Now));

    // The indexes and their definitions (sqlite_master's order aside: a deferred index is made later).
    private static List<string> Schema(SqliteFhirStore store)
    {
        using var connection = Read(store);
        return Rows(connection, "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name");
    }

    private static SqliteConnection Read(SqliteFhirStore store)
    {
        var connection = new SqliteConnection($"Data Source={store.DatabasePath};Mode=ReadOnly;Pooling=false");
        connection.Open();
        return connection;
    }

    // history is WITHOUT ROWID: its primary key orders it.
    private static List<string> Dump(SqliteFhirStore store, string table)
    {
        using var connection = Read(store);
        return Rows(connection, $"SELECT * FROM {table} ORDER BY {(table == "history" ? "rid, version" : "rowid")}");
    }

    private static List<string> Rows(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
        }

        return rows;
    }
}
