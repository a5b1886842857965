using System.Collections.Frozen;
using ClinicalAgent.Fhir.Search;
using Microsoft.Data.Sqlite;

namespace ClinicalAgent.Fhir.Storage;

/// <summary>Creates the store's tables on first use and loads the parameter ids.</summary>
internal static class StoreSchema
{
    public const int Version = 1;

    /// <summary>The write connection's page cache outside bulk loads, in MiB.</summary>
    public const int CacheMiB = 64;

    // Current versions live in `resources`; older versions move to `history`, so the current JSON is stored once.
    // `changes` is the change feed: one row per stored version, in commit order, for consumers such as workflow triggers.
    // Each index table has one index to find resources by value (pid first) and one to find rows by resource.
    private const string Ddl = """
        CREATE TABLE IF NOT EXISTS store_info(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS search_params(pid INTEGER PRIMARY KEY, resource_type TEXT NOT NULL, name TEXT NOT NULL, UNIQUE(resource_type, name));
        CREATE TABLE IF NOT EXISTS resources(rid INTEGER PRIMARY KEY, type TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, last_updated INTEGER NOT NULL, json TEXT NOT NULL, UNIQUE(type, id));
        CREATE TABLE IF NOT EXISTS history(rid INTEGER NOT NULL, version INTEGER NOT NULL, last_updated INTEGER NOT NULL, json TEXT NOT NULL, PRIMARY KEY(rid, version)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS token_idx(pid INTEGER NOT NULL, code TEXT NOT NULL, system TEXT, rid INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS string_idx(pid INTEGER NOT NULL, norm TEXT NOT NULL, exact TEXT NOT NULL, rid INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS date_idx(pid INTEGER NOT NULL, lo INTEGER NOT NULL, hi INTEGER NOT NULL, rid INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS reference_idx(pid INTEGER NOT NULL, target_type TEXT, target_id TEXT NOT NULL, rid INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS date_stats(pid INTEGER PRIMARY KEY, max_span INTEGER NOT NULL, multi INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS number_idx(pid INTEGER NOT NULL, value REAL NOT NULL, system TEXT, code TEXT, rid INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS changes(seq INTEGER PRIMARY KEY AUTOINCREMENT, type TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, last_updated INTEGER NOT NULL);
        """;

    /// <summary>
    /// The secondary indexes (by value, by resource, the change feed's by type), made with the tables; a bulk load into
    /// an empty store drops them and builds them once at its end, inside its transaction (ADR 0001, second addendum).
    /// </summary>
    public static readonly string[] SecondaryIndexes =
    [
        "CREATE INDEX IF NOT EXISTS token_by_value ON token_idx(pid, code, system, rid)",
        "CREATE INDEX IF NOT EXISTS token_by_rid ON token_idx(rid, pid, code, system)",
        "CREATE INDEX IF NOT EXISTS string_by_value ON string_idx(pid, norm, rid)",
        "CREATE INDEX IF NOT EXISTS string_by_rid ON string_idx(rid, pid)",
        "CREATE INDEX IF NOT EXISTS date_by_value ON date_idx(pid, lo, hi, rid)",
        "CREATE INDEX IF NOT EXISTS date_by_rid ON date_idx(rid, pid, lo, hi)",
        "CREATE INDEX IF NOT EXISTS reference_by_value ON reference_idx(pid, target_id, target_type, rid)",
        "CREATE INDEX IF NOT EXISTS reference_by_target ON reference_idx(target_id, target_type)",
        "CREATE INDEX IF NOT EXISTS reference_by_rid ON reference_idx(rid, pid)",
        "CREATE INDEX IF NOT EXISTS number_by_value ON number_idx(pid, value, rid)",
        "CREATE INDEX IF NOT EXISTS number_by_rid ON number_idx(rid, pid)",
        "CREATE INDEX IF NOT EXISTS changes_by_type ON changes(type, seq)",
    ];

    /// <summary>The index tables, in the order rows of a resource are deleted and written.</summary>
    public static readonly string[] IndexTables = ["token_idx", "string_idx", "date_idx", "reference_idx", "number_idx"];

    public static ParamIds Initialize(SqliteConnection connection, SearchParameterRegistry registry)
    {
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, Ddl);
        CreateSecondaryIndexes(connection, transaction);
        Execute(connection, transaction, $"INSERT OR IGNORE INTO store_info(key, value) VALUES('schema_version', '{Version}');");

        var existing = new Dictionary<string, int>();
        using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = "SELECT pid, resource_type, name FROM search_params";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                existing[ParamIds.Key(reader.GetString(1), reader.GetString(2))] = reader.GetInt32(0);
            }
        }

        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO search_params(resource_type, name) VALUES($type, $name) RETURNING pid";
        var type = insert.Parameters.Add("$type", SqliteType.Text);
        var name = insert.Parameters.Add("$name", SqliteType.Text);
        foreach (var parameter in registry.ResourceTypes.Order(StringComparer.Ordinal).SelectMany(t => registry.For(t).OrderBy(p => p.Name, StringComparer.Ordinal)))
        {
            var key = ParamIds.Key(parameter.ResourceType, parameter.Name);
            if (!existing.ContainsKey(key))
            {
                type.Value = parameter.ResourceType;
                name.Value = parameter.Name;
                existing[key] = Convert.ToInt32(insert.ExecuteScalar());
            }
        }

        transaction.Commit();
        return new ParamIds(existing.ToFrozenDictionary());
    }

    public static void CreateSecondaryIndexes(SqliteConnection connection, SqliteTransaction? transaction) =>
        Execute(connection, transaction, string.Join(";\n", SecondaryIndexes) + ";");

    public static void DropSecondaryIndexes(SqliteConnection connection, SqliteTransaction? transaction) =>
        Execute(connection, transaction, string.Concat(SecondaryIndexes.Select(sql => $"DROP INDEX IF EXISTS {IndexName(sql)};\n")));

    // "CREATE INDEX IF NOT EXISTS name ON ..." -> name
    private static string IndexName(string createSql) => createSql.Split(' ')[5];

    public static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
