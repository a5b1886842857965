using System.Text;
using System.Text.Json;

namespace ClinicalAgent.Web.Pages;

/// <summary>Tables of tool rows: a caption, header cells with scope, and the row's resource linked from its first cell.</summary>
internal static class Tables
{
    /// <summary>A column: its header and the row's property; <paramref name="Absent"/> is shown when the property is missing.</summary>
    public sealed record Column(string Header, string Key, string Absent = "");

    public static string Render(string caption, IReadOnlyList<Column> columns, IEnumerable<JsonElement> rows, string empty, string testId)
    {
        var list = rows.ToList();
        if (list.Count == 0)
            return $"<p data-testid=\"{testId}\">{Html.E(empty)}</p>";
        var html = new StringBuilder($"<table data-testid=\"{testId}\"><caption>{Html.E(caption)}</caption><thead><tr>");
        foreach (var column in columns)
            html.Append("<th scope=\"col\">").Append(Html.E(column.Header)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var row in list)
        {
            html.Append("<tr>");
            var first = true;
            foreach (var column in columns)
            {
                var value = Text(row, column.Key) ?? column.Absent;
                html.Append(first ? "<th scope=\"row\">" : "<td>");
                if (first && Text(row, "id") is { } id)
                    html.Append("<a href=\"").Append(Html.ResourceHref(id.Split('#')[0])).Append("\">").Append(Html.E(value)).Append("</a>");
                else if (column.Key is "date" or "onset" or "ordered" or "recorded" or "start" && value.Length > 0)
                    html.Append("<time datetime=\"").Append(Html.E(value)).Append("\">").Append(Html.E(value)).Append("</time>");
                else
                    html.Append(Html.E(value));
                html.Append(first ? "</th>" : "</td>");
                first = false;
            }

            html.Append("</tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }

    public static string? Text(JsonElement row, string key) =>
        row.ValueKind == JsonValueKind.Object && row.TryGetProperty(key, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => value.GetRawText(),
            }
            : null;

    public static IEnumerable<JsonElement> Array(JsonElement parent, string key) =>
        parent.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [];
}
