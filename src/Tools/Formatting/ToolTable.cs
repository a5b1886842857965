using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClinicalAgent.Tools.Formatting;

/// <summary>Reads a list tool's table (<see cref="ToolTableConverter"/>) back as one JSON object per row, for code that calls the tools itself.</summary>
public static class ToolTable
{
    /// <summary>The rows of <paramref name="result"/> as objects keyed by column name (absent columns are absent keys).</summary>
    /// <exception cref="FormatException">The result is not a tool table.</exception>
    public static IReadOnlyList<JsonElement> Rows(JsonElement result)
    {
        if (result.ValueKind != JsonValueKind.Object || !result.TryGetProperty("columns", out var columns) || !result.TryGetProperty("rows", out var rows))
            throw new FormatException($"Not a tool table: {Shorten(result.GetRawText())}");

        var names = columns.EnumerateArray().Select(c => c.GetString()!).ToList();
        var objects = new List<JsonElement>();
        foreach (var row in rows.EnumerateArray())
        {
            var item = new JsonObject();
            var i = 0;
            foreach (var cell in row.EnumerateArray())
            {
                if (cell.ValueKind != JsonValueKind.Null)
                    item[names[i]] = JsonNode.Parse(cell.GetRawText());
                i++;
            }

            objects.Add(JsonSerializer.SerializeToElement(item));
        }

        return objects;
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
