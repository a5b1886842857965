using ClinicalAgent.Agent.Runtime;
using ClinicalAgent.Agent.Runtime.Local;

namespace ClinicalAgent.Agent.Tests.Runtime;

public sealed class ReplyStreamSplitterTests
{
    [Theory]
    [InlineData("  Potassium is 4.1 mmol/L.  \n")]
    [InlineData("<unused94>thought\nlook it up<unused95>\n\nThe answer.")]
    [InlineData("Before <think>hmm</think> after")]
    [InlineData("A < B and <th is not a span")]
    [InlineData("<unused94>thought never closed")]
    public void Push_AnyPieceSplit_ConcatenatesToParsedText(string reply)
    {
        for (var size = 1; size <= 4; size++)
        {
            var splitter = new ReplyStreamSplitter(toolCallsPossible: true);

            var streamed = string.Concat(Chunks(reply, size).Select(splitter.Push)) + splitter.Complete();

            Assert.Equal(ReplyParser.Parse(reply, []).Text ?? "", streamed);
            Assert.False(splitter.IsToolCall);
        }
    }

    [Fact]
    public void Push_ToolCallAfterThinking_ShowsNothingAndFlagsCall()
    {
        var splitter = new ReplyStreamSplitter(toolCallsPossible: true);

        var shown = string.Concat(Chunks("<unused94>plan<unused95> {\"tool_calls\": []}", 3).Select(splitter.Push)) + splitter.Complete();

        Assert.Equal("", shown);
        Assert.True(splitter.IsToolCall);
    }

    private static IEnumerable<string> Chunks(string text, int size)
    {
        for (var i = 0; i < text.Length; i += size)
            yield return text.Substring(i, Math.Min(size, text.Length - i));
    }
}
