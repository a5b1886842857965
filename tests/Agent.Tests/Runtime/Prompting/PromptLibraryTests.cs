using ClinicalAgent.Agent.Runtime.Prompting;

namespace ClinicalAgent.Agent.Tests.Runtime.Prompting;

public sealed class PromptLibraryTests
{
    [Fact]
    public void Load_ToolsPrompt_IsFoundNextToTheTestAssembly()
    {
        var text = PromptLibrary.Load("tools");

        Assert.Contains("{{tools}}", text, StringComparison.Ordinal);
        Assert.StartsWith(AppContext.BaseDirectory, PromptLibrary.Directory, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownPrompt_ThrowsFileNotFound()
    {
        var exception = Assert.Throws<FileNotFoundException>(() => PromptLibrary.Load("no-such-prompt"));

        Assert.Contains("no-such-prompt", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ValuesWithBraces_AreInsertedOnce()
    {
        var values = new Dictionary<string, string> { ["tools"] = "{\"x\": \"{{tools}}\"}" };

        var text = PromptLibrary.Render("tools", values);

        Assert.Contains("{\"x\": \"{{tools}}\"}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n{{tools}}\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MissingValue_ThrowsNamingThePlaceholder()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => PromptLibrary.Render("tools", new Dictionary<string, string>()));

        Assert.Contains("{{tools}}", exception.Message, StringComparison.Ordinal);
    }
}
