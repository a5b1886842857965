namespace ClinicalAgent.Fhir.Storage;

/// <summary>
/// One search index table as a chunk writes it: its column list (the rid last), its values a row, which of a resource's
/// index rows go in it and how one binds. <see cref="All"/> lists the five, in the order a resource's rows are written.
/// </summary>
internal sealed class IndexTable
{
    private readonly Action<ChunkInserter, IReadOnlyList<PreparedWrite>, long> _insert;

    private IndexTable(string target, Action<ChunkInserter, IReadOnlyList<PreparedWrite>, long> insert)
    {
        Target = target;
        _insert = insert;
    }

    public static IReadOnlyList<IndexTable> All { get; } =
    [
        Of("token_idx(pid, code, system, rid)", 3, static i => i.Tokens, static (s, p, r) =>
        {
            s.Bind(p, r.ParamId);
            s.Bind(p + 1, r.Code);
            s.Bind(p + 2, r.System);
        }),
        Of("string_idx(pid, norm, exact, rid)", 3, static i => i.Strings, static (s, p, r) =>
        {
            s.Bind(p, r.ParamId);
            s.Bind(p + 1, r.Normalized);
            s.Bind(p + 2, r.Exact);
        }),
        Of("date_idx(pid, lo, hi, rid)", 3, static i => i.Dates, static (s, p, r) =>
        {
            s.Bind(p, r.ParamId);
            s.Bind(p + 1, r.Low);
            s.Bind(p + 2, r.High);
        }),
        Of("reference_idx(pid, target_type, target_id, rid)", 3, static i => i.References, static (s, p, r) =>
        {
            s.Bind(p, r.ParamId);
            s.Bind(p + 1, r.TargetType);
            s.Bind(p + 2, r.TargetId);
        }),
        Of("number_idx(pid, value, system, code, rid)", 4, static i => i.Numbers, static (s, p, r) =>
        {
            s.Bind(p, r.ParamId);
            s.Bind(p + 1, r.Value);
            s.Bind(p + 2, r.System);
            s.Bind(p + 3, r.Code);
        }),
    ];

    /// <summary>The table and its columns, as an INSERT names them.</summary>
    public string Target { get; }

    /// <summary>Inserts the rows of resources stored at consecutive rids from <paramref name="first"/>.</summary>
    public void Insert(ChunkInserter inserter, IReadOnlyList<PreparedWrite> writes, long first) => _insert(inserter, writes, first);

    /// <summary>A table of <paramref name="values"/> values a row besides the rid, which <paramref name="bind"/> binds from a position on.</summary>
    private static IndexTable Of<TRow>(string target, int values, Func<ResourceIndex, List<TRow>> rowsOf, Action<RowStatement, int, TRow> bind) =>
        new(target, (inserter, writes, first) => inserter.Rows(target, values + 1, Each(writes, first, rowsOf), (s, p, r) =>
        {
            bind(s, p, r.Row);
            s.Bind(p + values, r.Rid);
        }));

    private static IEnumerable<(TRow Row, long Rid)> Each<TRow>(IReadOnlyList<PreparedWrite> writes, long first, Func<ResourceIndex, List<TRow>> rowsOf)
    {
        for (var i = 0; i < writes.Count; i++)
        {
            foreach (var row in rowsOf(writes[i].Index))
                yield return (row, first + i);
        }
    }
}
