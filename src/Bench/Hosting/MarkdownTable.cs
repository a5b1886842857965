using System.Globalization;
using System.Text;

namespace ClinicalAgent.Bench.Hosting;

/// <summary>
/// A result table in Markdown, declared column by column (left- or right-aligned), so each report writes its header,
/// alignment row and cells the same way. Cells are formatted with the invariant culture: figures read the same on any machine.
/// </summary>
internal sealed class MarkdownTable
{
    private readonly List<(string Header, bool Right)> _columns = [];
    private readonly List<string[]> _rows = [];

    /// <summary>Adds a left-aligned column (names, text).</summary>
    public MarkdownTable Left(string header)
    {
        _columns.Add((header, false));
        return this;
    }

    /// <summary>Adds a right-aligned column (figures).</summary>
    public MarkdownTable Right(string header)
    {
        _columns.Add((header, true));
        return this;
    }

    /// <summary>Adds a row: one cell per column, in order.</summary>
    public MarkdownTable Row(params FormattableString[] cells)
    {
        if (cells.Length != _columns.Count)
            throw new ArgumentException($"The table has {_columns.Count} columns; the row has {cells.Length} cells.", nameof(cells));
        _rows.Add([.. cells.Select(c => c.ToString(CultureInfo.InvariantCulture))]);
        return this;
    }

    /// <summary>The header, the alignment row and the rows, each line ending in a newline.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        Line(text, _columns.Select(c => c.Header));
        Line(text, _columns.Select(c => c.Right ? "---:" : "---"), padded: false);
        foreach (var row in _rows)
            Line(text, row);
        return text.ToString();
    }

    private static void Line(StringBuilder text, IEnumerable<string> cells, bool padded = true) =>
        text.Append(padded ? "| " + string.Join(" | ", cells) + " |\n" : "|" + string.Join("|", cells) + "|\n");
}
