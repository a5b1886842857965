using System.Text;
using ClinicalAgent.Agent.Runtime.Prompting;
using ClinicalAgent.Agent.Tests.Runtime.Prompting;
using Xunit.Abstractions;

namespace ClinicalAgent.Agent.Tests.Models.Synthetic;

/// <summary>The compact declarations of the whole toolset fit the budget, counted with the real Gemma 3 vocabulary.</summary>
[Collection(SyntheticVocabularyCollection.Name)]
[Trait(TinyModelTrait.Name, TinyModelTrait.Value)]
public sealed class ToolDeclarationBudgetTests(SyntheticVocabularyFixture model, ITestOutputHelper output)
{
    [Fact]
    public void Render_WholeToolset_FitsInFifteenHundredGemmaTokensAndAThirdOfTheJson()
    {
        using var tools = new CompactToolDeclarationTests();

        var text = CompactToolRenderer.Render(tools.Tools);
        var compact = Count(text);
        var json = Count(ProtocolRenderer.ToolDeclarations(tools.Tools));

        output.WriteLine($"{tools.Tools.Count} tools: compact {compact} tokens, JSON {json} tokens\n{text}");
        Assert.True(compact <= 1_500, $"compact declarations take {compact} tokens");
        Assert.True(compact * 2 < json, $"compact {compact}, JSON {json}");
    }

    private int Count(string text) => model.Weights.Tokenize(text, add_bos: false, special: true, Encoding.UTF8).Length;
}
