using System.Text;

namespace ClinicalAgent.Evaluation.Reporting;

/// <summary>Writes a report as Markdown.</summary>
public static class MarkdownReport
{
    public static string Render(BenchReport report)
    {
        var text = new StringBuilder("# Benchmark report\n");
        foreach (var table in ReportSections.For(report))
        {
            text.Append("\n## ").Append(table.Title).Append("\n\n");
            if (table.Rows.Count == 0)
            {
                text.Append("None.\n");
                continue;
            }

            text.Append("| ").AppendJoin(" | ", table.Header.Select(Cell)).Append(" |\n");
            text.Append('|').AppendJoin("|", table.Header.Select(_ => "---")).Append("|\n");
            foreach (var row in table.Rows)
                text.Append("| ").AppendJoin(" | ", row.Select(Cell)).Append(" |\n");
            if (table.Note is not null)
                text.Append('\n').Append(table.Note).Append('\n');
        }

        return text.ToString();
    }

    // A cell holds one line; a pipe would end it early.
    private static string Cell(string value) => value.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
