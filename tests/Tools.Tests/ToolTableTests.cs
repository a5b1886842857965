using ClinicalAgent.Tools.Formatting;
using ClinicalAgent.Tools.Results;

namespace ClinicalAgent.Tools.Tests;

public sealed class ToolTableTests
{
    [Fact]
    public void Serialize_ToolList_NamesEachColumnOnceAndLeavesOutEmptyColumns()
    {
        var list = new ToolList<AllergyRow>(
            [
                new AllergyRow("AllergyIntolerance/a1", "91936005", "Penicillin", "active", null, "Hives", null),
                new AllergyRow("AllergyIntolerance/a2", "300913006", "Shellfish", "active", null, null, null),
            ],
            More: true);

        var json = ToolJson.Serialize(list);

        Assert.Equal(
            """{"columns":["id","code","name","status","reaction"],"rows":[["AllergyIntolerance/a1","91936005","Penicillin","active","Hives"],["AllergyIntolerance/a2","300913006","Shellfish","active",null]],"more":true}""",
            json);
    }

    [Fact]
    public void Rows_SerializedTable_GivesBackOneObjectPerRowWithoutNulls()
    {
        var list = new ToolList<AllergyRow>(
            [new AllergyRow("AllergyIntolerance/a1", "91936005", "Penicillin", "active", null, "Hives", null), new AllergyRow("AllergyIntolerance/a2", null, "Latex", null, null, null, null)],
            More: false, Note: "two");
        using var json = System.Text.Json.JsonDocument.Parse(ToolJson.Serialize(list));

        var rows = ToolTable.Rows(json.RootElement);

        Assert.Equal(2, rows.Count);
        Assert.Equal("Hives", rows[0].GetProperty("reaction").GetString());
        Assert.Equal("Latex", rows[1].GetProperty("name").GetString());
        Assert.False(rows[1].TryGetProperty("code", out _));
        Assert.Equal("two", json.RootElement.GetProperty("note").GetString());
    }

    [Fact]
    public void Serialize_EmptyList_HasNoColumnsAndKeepsTheNote()
    {
        var json = ToolJson.Serialize(new ToolList<AllergyRow>([], More: false, Note: "None recorded."));

        Assert.Equal("""{"columns":[],"rows":[],"more":false,"note":"None recorded."}""", json);
    }

    [Fact]
    public void Rows_NotATable_ThrowsFormatException()
    {
        using var json = System.Text.Json.JsonDocument.Parse("""{"error":"no such patient"}""");

        Assert.Throws<FormatException>(() => ToolTable.Rows(json.RootElement));
    }
}
