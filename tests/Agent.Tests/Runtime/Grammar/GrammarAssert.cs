using System.Text.Json;
using ClinicalAgent.Agent.Runtime.Grammar;

namespace ClinicalAgent.Agent.Tests.Runtime.Grammar;

/// <summary>Compiles schemas and checks every grammar against llama.cpp's own parser.</summary>
internal static class GrammarAssert
{
    public static GbnfMatcher CompileSchema(string schemaJson, string toolName = "t")
    {
        using var document = JsonDocument.Parse(schemaJson);
        return Checked(JsonSchemaGbnfCompiler.Compile(document.RootElement, toolName));
    }

    /// <summary>Fails unless llama.cpp parses <paramref name="gbnf"/>; returns a matcher for it.</summary>
    public static GbnfMatcher Checked(string gbnf)
    {
        Assert.True(LlamaGrammarParser.Parses(gbnf), "llama.cpp rejected the grammar:\n" + gbnf);
        return new GbnfMatcher(gbnf);
    }

    public static void Accepts(GbnfMatcher grammar, params string[] texts)
    {
        foreach (var text in texts)
        {
            Assert.True(grammar.Accepts(text), $"Expected the grammar to accept: {text}");
        }
    }

    public static void Rejects(GbnfMatcher grammar, params string[] texts)
    {
        foreach (var text in texts)
        {
            Assert.False(grammar.Accepts(text), $"Expected the grammar to reject: {text}");
        }
    }
}
