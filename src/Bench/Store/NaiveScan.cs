using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace ClinicalAgent.Bench.Store;

/// <summary>
/// Answers a search the slow way, as a store without search indexes would: read every stored resource of the type,
/// parse its JSON, filter and sort in C#. The baseline the indexed figures are compared with.
/// </summary>
public sealed class NaiveScan : IDisposable
{
    private readonly SqliteConnection _connection;

    public NaiveScan(string databasePath)
    {
        // Read-only and unpooled: the scan must not share the store's connections or be able to change the file.
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        _connection.Open();
    }

    /// <summary>The ids of the page the search would return, in its order.</summary>
    public IReadOnlyList<string> Run(BenchQuery query)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT json FROM resources WHERE type = $t";
        command.Parameters.AddWithValue("$t", query.ResourceType);
        var matches = new List<(string Id, long? Key)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                using var document = JsonDocument.Parse(reader.GetString(0));
                var resource = document.RootElement;
                if (query.Naive.Matches(resource))
                {
                    matches.Add((NaiveFilters.Id(resource) ?? "", query.Naive.DescendingKey?.Invoke(resource)));
                }
            }
        }

        // The store's order: the sort key (missing values last), then id, byte-wise as SQLite compares text.
        IEnumerable<(string Id, long? Key)> ordered = query.Naive.DescendingKey is null
            ? matches.OrderBy(m => m.Id, StringComparer.Ordinal)
            : matches.OrderBy(m => m.Key is null).ThenByDescending(m => m.Key).ThenBy(m => m.Id, StringComparer.Ordinal);
        return [.. ordered.Take(query.Naive.Count).Select(m => m.Id)];
    }

    public void Dispose() => _connection.Dispose();
}
