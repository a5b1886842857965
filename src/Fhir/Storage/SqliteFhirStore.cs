using System.Net;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Serialization;
using Hl7.Fhir.Model;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Task = System.Threading.Tasks.Task;

namespace ClinicalAgent.Fhir.Storage;

/// <summary>
/// The embedded FHIR R4 store: one SQLite file holding resources as FHIR JSON with versions and history, and
/// search indexes derived from the spec's search parameters. Reads run concurrently; writes are serialized,
/// and each write (a resource, a transaction, a bulk load) is one SQLite transaction: all of it or nothing.
/// </summary>
public sealed partial class SqliteFhirStore : IEmbeddedFhirStore
{
    private readonly SearchParameterRegistry _registry = SearchParameterRegistry.Default;
    private readonly FhirStoreOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _connectionString;
    private readonly SqliteConnection _writeConnection;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ParamIds _paramIds;
    private readonly DateStats _dateStats = new();
    private readonly SearchIndexer _indexer;
    private readonly SearchParser _parser;
    private readonly StoreWriterLock? _writerLock;

    public SqliteFhirStore(FhirStoreOptions options, TimeProvider? timeProvider = null, ILogger<SqliteFhirStore>? logger = null)
    {
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<SqliteFhirStore>.Instance;
        var path = Path.GetFullPath(options.DatabasePath);
        var existed = File.Exists(path);
        StoreFile.Prepare(path);
        _writerLock = options.Writer is { Length: > 0 } writer ? StoreWriterLock.Acquire(path, writer) : null;
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = Math.Max(1, options.BusyTimeoutSeconds) }.ToString();
        _writeConnection = new SqliteConnection(_connectionString);
        try
        {
            _writeConnection.Open();
            if (existed && StoreFile.CheckedOnOpen(path))
            {
                StoreFile.CheckIntegrity(_writeConnection, path);
            }

            StoreSchema.Execute(_writeConnection, null, $"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-{StoreSchema.CacheMiB * 1024};");
            _paramIds = StoreSchema.Initialize(_writeConnection, _registry);
            _dateStats.Load(_writeConnection);
        }
        catch (SqliteException ex)
        {
            _writeConnection.Dispose();
            _writerLock?.Dispose();
            throw new InvalidOperationException($"Cannot open the FHIR store at {path}: {ex.Message}", ex);
        }
        catch (InvalidOperationException)
        {
            _writeConnection.Dispose(); // damaged: refused by the integrity check
            _writerLock?.Dispose();
            throw;
        }

        _indexer = new SearchIndexer(_registry, _paramIds, compiled: !options.InterpretEveryExpression);
        _parser = new SearchParser(_registry, options.DefaultPageSize, options.MaxPageSize);
        LogOpened(path);
    }

    /// <summary>The full path of the SQLite file.</summary>
    public string DatabasePath => _writeConnection.DataSource;

    public Task<Resource> ReadAsync(string type, string id, CancellationToken cancellationToken = default)
    {
        CheckType(type);
        using var connection = OpenRead();
        var json = Scalar<string>(connection, "SELECT json FROM resources WHERE type = $t AND id = $i", ("$t", type), ("$i", id))
            ?? throw FhirGatewayException.NotFound($"{type}/{id} does not exist.");
        return Task.FromResult(FhirJson.ParseStored(json));
    }

    public Task<Resource> VReadAsync(string type, string id, string versionId, CancellationToken cancellationToken = default)
    {
        CheckType(type);
        using var connection = OpenRead();
        var json = Scalar<string>(connection, "SELECT json FROM resources WHERE type = $t AND id = $i AND CAST(version AS TEXT) = $v", ("$t", type), ("$i", id), ("$v", versionId))
            ?? Scalar<string>(connection, "SELECT h.json FROM history h JOIN resources r ON r.rid = h.rid WHERE r.type = $t AND r.id = $i AND CAST(h.version AS TEXT) = $v", ("$t", type), ("$i", id), ("$v", versionId))
            ?? throw FhirGatewayException.NotFound($"{type}/{id} has no version {versionId}.");
        return Task.FromResult(FhirJson.ParseStored(json));
    }

    public Task<Bundle> HistoryAsync(string type, string id, CancellationToken cancellationToken = default)
    {
        CheckType(type);
        using var connection = OpenRead();
        return Task.FromResult(History(connection).Instance(type, id));
    }

    public Task<Bundle> TypeHistoryAsync(string type, SearchQuery query, CancellationToken cancellationToken = default)
    {
        CheckType(type);
        using var connection = OpenRead();
        return Task.FromResult(History(connection).Changes(type, query));
    }

    public Task<Bundle> SystemHistoryAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        using var connection = OpenRead();
        return Task.FromResult(History(connection).Changes(null, query));
    }

    public Task<Bundle> SearchAsync(string type, SearchQuery query, CancellationToken cancellationToken = default)
    {
        CheckType(type);
        var search = _parser.Parse(type, query);
        using var connection = OpenRead();
        var bundle = new SearchExecutor(connection, null, _paramIds, _dateStats, _time).Execute(search);
        if (search.Ignored.Count > 0)
        {
            bundle.Entry.Add(IgnoredWarning(search.Ignored));
        }

        return Task.FromResult(bundle);
    }

    public Task<Bundle?> NextPageAsync(Bundle page, CancellationToken cancellationToken = default)
    {
        var next = page.Link.FirstOrDefault(l => l.Relation == "next")?.Url;
        if (next is null)
        {
            return Task.FromResult<Bundle?>(null);
        }

        // The store's own links are relative ("Patient?…", "Patient/_history?…"); a facade may have made them absolute.
        var question = next.IndexOf('?');
        var segments = (question < 0 ? next : next[..question]).Split('/', StringSplitOptions.RemoveEmptyEntries);
        var query = SearchQuery.Parse(question < 0 ? "" : next[(question + 1)..]);
        if (segments[^1] == "_history")
        {
            return (segments.Length > 1 && _registry.IsResourceType(segments[^2])
                ? TypeHistoryAsync(segments[^2], query, cancellationToken)
                : SystemHistoryAsync(query, cancellationToken))!;
        }

        if (segments.Length > 2 && segments[^3] == "Patient" && _registry.IsResourceType(segments[^1]))
        {
            query = query with { Compartment = new SearchCompartment(segments[^3], segments[^2]) };
        }

        return SearchAsync(segments[^1], query, cancellationToken)!;
    }

    public Task<FhirWriteResult> CreateAsync(Resource resource, CancellationToken cancellationToken = default)
    {
        var copy = (Resource)resource.DeepCopy();
        copy.Id = NewId();
        return WriteAsync(writer => writer.Write(copy), cancellationToken);
    }

    public Task<FhirWriteResult> UpdateAsync(Resource resource, string? ifMatchVersion = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(resource.Id))
        {
            throw FhirGatewayException.BadRequest($"An update needs the {resource.TypeName}'s id.", $"{resource.TypeName}.id");
        }

        var copy = (Resource)resource.DeepCopy();
        return WriteAsync(writer => writer.Write(copy, ifMatchVersion), cancellationToken);
    }

    public Task<FhirWriteResult> ConditionalCreateAsync(Resource resource, string ifNoneExist, CancellationToken cancellationToken = default)
    {
        var copy = (Resource)resource.DeepCopy();
        return WriteAsync((writer, search) => ConditionalWrites.Create(writer, search, copy, ifNoneExist, NewId), cancellationToken);
    }

    public Task<FhirWriteResult> ConditionalUpdateAsync(Resource resource, string condition, CancellationToken cancellationToken = default)
    {
        var copy = (Resource)resource.DeepCopy();
        return WriteAsync((writer, search) => ConditionalWrites.Update(writer, search, copy, condition, NewId), cancellationToken);
    }

    public Task<Bundle> TransactionAsync(Bundle bundle, CancellationToken cancellationToken = default)
    {
        BundleEntryChecks.RejectDuplicates(bundle);
        return bundle.Type switch
        {
            Bundle.BundleType.Transaction => WriteAsync((writer, search) => new TransactionProcessor(writer, search, NewId).Transaction(bundle), cancellationToken),
            Bundle.BundleType.Batch => BatchAsync(bundle, cancellationToken),
            _ => throw FhirGatewayException.BadRequest($"Only transaction and batch Bundles can be processed; this one is a {bundle.Type?.ToString().ToLowerInvariant() ?? "bundle without a type"}.", "Bundle.type"),
        };
    }

    public void Dispose()
    {
        _writeConnection.Dispose();
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
        _writeLock.Dispose();
        _writerLock?.Dispose();
    }

    private HistoryReader History(SqliteConnection connection) => new(connection, _options.DefaultPageSize, _options.MaxPageSize);

    internal static string NewId() => Guid.CreateVersion7().ToString();

    // Each batch entry is its own unit: one failing entry is reported in its response and the others stand.
    private async Task<Bundle> BatchAsync(Bundle bundle, CancellationToken cancellationToken)
    {
        var response = new Bundle { Type = Bundle.BundleType.BatchResponse };
        for (var i = 0; i < bundle.Entry.Count; i++)
        {
            try
            {
                var single = new Bundle { Type = Bundle.BundleType.Transaction, Entry = [bundle.Entry[i]] };
                var index = i;
                var result = await WriteAsync((writer, search) => new TransactionProcessor(writer, search, NewId, index).Transaction(single), cancellationToken).ConfigureAwait(false);
                response.Entry.Add(result.Entry[0]);
            }
            catch (FhirGatewayException ex)
            {
                response.Entry.Add(new Bundle.EntryComponent
                {
                    Response = new Bundle.ResponseComponent { Status = HttpStatusText.Of(ex.Status), Outcome = ex.Outcome },
                });
            }
        }

        return response;
    }

    private Task<T> WriteAsync<T>(Func<ResourceWriter, T> write, CancellationToken cancellationToken) =>
        WriteAsync((writer, _) => write(writer), cancellationToken);

    private async Task<T> WriteAsync<T>(Func<ResourceWriter, TransactionSearch, T> write, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var transaction = _writeConnection.BeginTransaction();
            using var writer = new ResourceWriter(_writeConnection, transaction, _indexer, _dateStats, _time, _options.CheckReferences);
            var search = new TransactionSearch(_writeConnection, transaction, _parser, _paramIds, _dateStats, _time);
            var result = write(writer, search);
            writer.Finish();
            transaction.Commit();
            RaiseChanged();
            return result;
        }
        catch (SqliteException ex) when (StoreBusy.Is(ex))
        {
            throw StoreBusy.Failure(ex);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void CheckType(string type)
    {
        if (!_registry.IsResourceType(type))
        {
            throw FhirGatewayException.Create(HttpStatusCode.NotFound, OperationOutcome.IssueType.NotSupported, $"Unknown resource type '{type}'.");
        }
    }

    private SqliteConnection OpenRead()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private static T? Scalar<T>(SqliteConnection connection, string sql, params (string Name, object Value)[] values)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in values)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var result = command.ExecuteScalar();
        return result is null or DBNull ? default : (T)result;
    }

    private static Bundle.EntryComponent IgnoredWarning(IEnumerable<string> names) => new()
    {
        Resource = new OperationOutcome
        {
            Issue =
            [
                new OperationOutcome.IssueComponent
                {
                    Severity = OperationOutcome.IssueSeverity.Warning,
                    Code = OperationOutcome.IssueType.NotSupported,
                    Diagnostics = $"Ignored (lenient handling): {string.Join(", ", names)}.",
                },
            ],
        },
        Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Outcome },
    };

    [LoggerMessage(Level = LogLevel.Debug, Message = "Opened FHIR store {Path}")]
    private partial void LogOpened(string path);
}
