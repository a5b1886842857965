using ClinicalAgent.Mcp.Prompts;
using ModelContextProtocol.Protocol;

namespace ClinicalAgent.Mcp.Tests.Unit;

public sealed class PromptCatalogTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-mcp-prompts-").FullName;

    [Fact]
    public void List_FileWithSpacedAndDottedPlaceholders_ArgumentsInOrderOfFirstUse()
    {
        File.WriteAllText(Path.Combine(_folder, "summary.md"), "# Admission summary\nEncounter/{{ trigger.id }} for {{patient}}; again {{patient}}.");
        File.WriteAllText(Path.Combine(_folder, "README.md"), "Not a prompt {{x}}.");

        var prompt = Assert.Single(new PromptCatalog(_folder).List());

        Assert.Equal("summary", prompt.Name);
        Assert.Equal("Admission summary", prompt.Description);
        Assert.Equal(["trigger.id", "patient"], prompt.Arguments!.Select(a => a.Name));
        Assert.All(prompt.Arguments!, a => Assert.True(a.Required));
    }

    [Fact]
    public void Get_ValueHoldingBraces_IsInsertedOnceNotFilledAgain()
    {
        File.WriteAllText(Path.Combine(_folder, "p.md"), "A {{a}} and {{b}}.");
        var arguments = new Dictionary<string, System.Text.Json.JsonElement>
        {
            ["a"] = System.Text.Json.JsonSerializer.SerializeToElement("{{b}}"),
            ["b"] = System.Text.Json.JsonSerializer.SerializeToElement("x"),
        };

        var result = new PromptCatalog(_folder).Get("p", arguments);

        Assert.Equal("A {{b}} and x.", Assert.IsType<TextContentBlock>(Assert.Single(result.Messages).Content).Text);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
