using System.Net;
using System.Text;

namespace ClinicalAgent.Evaluation.Reporting;

/// <summary>Writes a report as one self-contained HTML page, the chart inline.</summary>
internal static class HtmlReport
{
    public static string Render(BenchReport report)
    {
        var html = new StringBuilder("""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Benchmark report</title>
            <style>body{font-family:sans-serif;max-width:1000px;margin:2em auto;padding:0 1em}table{border-collapse:collapse;margin:.5em 0}
            td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}th{background:#f3f3f3}</style></head><body>
            <h1>Benchmark report</h1>

            """);
        foreach (var table in ReportSections.For(report))
        {
            html.Append("<h2>").Append(Encode(table.Title)).Append("</h2>\n");
            if (table.Title == "Per category")
                html.Append(CategoryChart.Svg(report));
            if (table.Rows.Count == 0)
            {
                html.Append("<p>None.</p>\n");
                continue;
            }

            html.Append("<table><tr>").AppendJoin("", table.Header.Select(h => $"<th>{Encode(h)}</th>")).Append("</tr>\n");
            foreach (var row in table.Rows)
                html.Append("<tr>").AppendJoin("", row.Select(c => $"<td>{Encode(c)}</td>")).Append("</tr>\n");
            html.Append("</table>\n");
            if (table.Note is not null && !table.Note.StartsWith('!'))
                html.Append("<p>").Append(Encode(table.Note)).Append("</p>\n");
        }

        return html.Append("</body></html>\n").ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text.Replace("**", "", StringComparison.Ordinal));
}
