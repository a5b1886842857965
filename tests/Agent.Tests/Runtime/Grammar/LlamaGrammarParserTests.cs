namespace ClinicalAgent.Agent.Tests.Runtime.Grammar;

/// <summary>Checks that the llama.cpp check itself can tell good grammars from bad ones.</summary>
public sealed class LlamaGrammarParserTests
{
    [Fact]
    public void Parses_ValidGrammar_ReturnsTrue()
    {
        var gbnf = "root ::= \"a\" item{0,3} .\nitem ::= [^\"\\\\\\x00-\\x1F] | \"b\"\n";

        var parses = LlamaGrammarParser.Parses(gbnf);

        Assert.True(parses);
    }

    [Theory]
    [InlineData("root ::= undefined-rule\n")]
    [InlineData("root ::= \"a\" (\n")]
    [InlineData("other ::= \"a\"\n")]
    public void Parses_InvalidGrammar_ReturnsFalse(string gbnf)
    {
        var parses = LlamaGrammarParser.Parses(gbnf);

        Assert.False(parses);
    }
}
