using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace ClinicalAgent.Fhir.Storage;

/// <summary>
/// Per date parameter: the longest span (hi − lo) of any stored value, and whether a resource ever has several
/// values. A date search can then bound the indexed start column (<c>lo ≥ from − span</c>) instead of scanning,
/// and a window (<c>date=ge…&amp;date=lt…</c>) on a single-valued parameter can drive a search by itself.
/// </summary>
internal sealed class DateStats
{
    private readonly ConcurrentDictionary<int, (long MaxSpan, bool Multi)> _stats = new();
    private readonly HashSet<int> _dirty = [];

    /// <summary>The longest span of the parameter's values (0 when it has none) and whether it is multi-valued.</summary>
    public (long MaxSpan, bool Multi) Of(int paramId) => _stats.TryGetValue(paramId, out var stats) ? stats : (0, false);

    public void Load(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT pid, max_span, multi FROM date_stats";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            _stats[reader.GetInt32(0)] = (reader.GetInt64(1), reader.GetInt64(2) != 0);
        }
    }

    /// <summary>
    /// Widens the stats with one resource's date rows. Memory is updated at once: should the unit roll back, the
    /// stats are only looser than they need be, never wrong.
    /// </summary>
    public void Observe(IReadOnlyList<DateRow> rows)
    {
        foreach (var group in rows.GroupBy(r => r.ParamId))
        {
            var span = group.Max(r => r.Low == long.MinValue || r.High == long.MaxValue ? long.MaxValue : r.High - r.Low);
            var multi = group.Count() > 1;
            var old = Of(group.Key);
            if (span > old.MaxSpan || (multi && !old.Multi) || !_stats.ContainsKey(group.Key))
            {
                _stats[group.Key] = (Math.Max(span, old.MaxSpan), multi || old.Multi);
                lock (_dirty)
                {
                    _dirty.Add(group.Key);
                }
            }
        }
    }

    /// <summary>Writes the widened stats inside the unit's transaction.</summary>
    public void Persist(SqliteConnection connection, SqliteTransaction transaction)
    {
        int[] dirty;
        lock (_dirty)
        {
            dirty = [.. _dirty];
            _dirty.Clear();
        }

        foreach (var pid in dirty)
        {
            var (span, multi) = Of(pid);
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO date_stats(pid, max_span, multi) VALUES($p, $s, $m) ON CONFLICT(pid) DO UPDATE SET max_span = MAX(max_span, excluded.max_span), multi = MAX(multi, excluded.multi)";
            command.Parameters.AddWithValue("$p", pid);
            command.Parameters.AddWithValue("$s", span);
            command.Parameters.AddWithValue("$m", multi ? 1 : 0);
            command.ExecuteNonQuery();
        }
    }
}
