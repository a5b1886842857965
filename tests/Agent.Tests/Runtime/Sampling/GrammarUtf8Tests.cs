using ClinicalAgent.Agent.Runtime.Local;

namespace ClinicalAgent.Agent.Tests.Runtime.Sampling;

/// <summary>The sampler's mirror of llama.cpp's grammar decoder, and its test for token references in a grammar.</summary>
public sealed class GrammarUtf8Tests
{
    [Theory]
    [InlineData(0, new byte[] { 0x61, 0x62 }, 0)]
    [InlineData(0, new byte[] { 0xE2 }, 2)]
    [InlineData(2, new byte[] { 0x82 }, 1)]
    [InlineData(1, new byte[] { 0xAC, 0x61 }, 0)]
    [InlineData(0, new byte[] { 0x61, 0xF0, 0x9F }, 2)]
    [InlineData(1, new byte[] { 0x61 }, -1)]
    [InlineData(0, new byte[] { 0x61, 0x80 }, -1)]
    [InlineData(2, new byte[] { 0x00, 0x80 }, 2)]
    public void Remaining_AfterAPiece_IsWhatLlamaCppsDecoderLeaves(int before, byte[] piece, int after) =>
        Assert.Equal(after, GrammarUtf8.Remaining(before, piece));

    [Theory]
    [InlineData(new byte[] { 0x20, 0x7B }, true)]
    [InlineData(new byte[] { 0xC3, 0xA9 }, true)]
    [InlineData(new byte[] { 0xC3 }, false)]
    [InlineData(new byte[] { 0x61, 0x00, 0x62 }, false)]
    [InlineData(new byte[] { 0xA9 }, false)]
    public void IsWhole_ByWhatTheDecoderReads(byte[] piece, bool whole) => Assert.Equal(whole, GrammarUtf8.IsWhole(piece));

    [Theory]
    [InlineData("root ::= \"a\" [<>] # <not a token>\n", false)]
    [InlineData("root ::= \"\\\"<b>\" x\nx ::= [^\\]<]", false)]
    [InlineData("root ::= <[106]> \"a\"", true)]
    [InlineData("root ::= \"a\" !<end_of_turn>", true)]
    public void TokenReferences_OnlyOutsideLiteralsClassesAndComments(string grammar, bool present) =>
        Assert.Equal(present, GrammarTokenReferences.Present(grammar));
}
