using ClinicalAgent.Evaluation.Grading;

namespace ClinicalAgent.Evaluation.Tests.Grading;

public sealed class AnswerParserTests
{
    [Theory]
    [InlineData("FINISH([4.1])", "[4.1]")]
    [InlineData("The latest value is 4.1 mmol/L (Observation/abc).\nFINISH([4.1])", "[4.1]")]
    [InlineData("Latest potassium was 3.1 [low].\n```json\n[3.1, \"2023-11-12T08:00:00+00:00\"]\n```", "[3.1,\"2023-11-12T08:00:00+00:00\"]")]
    [InlineData("57", "[57]")]
    [InlineData("FINISH([])", "[]")]
    public void Parse_AnswerForms_ReadsTheList(string text, string expected)
    {
        var list = AnswerParser.Parse(text);

        Assert.NotNull(list);
        Assert.Equal(expected, "[" + string.Join(",", list.Select(e => e.GetRawText())) + "]");
    }

    [Theory]
    [InlineData("")]
    [InlineData("I could not find it.")]
    [InlineData("FINISH(4.1")]
    public void Parse_NoList_ReturnsNull(string text)
    {
        var list = AnswerParser.Parse(text);

        Assert.Null(list);
    }
}
