using ClinicalAgent.Tools.MedAgentBenchV2;

namespace ClinicalAgent.Tools.Tests.MedAgentBenchV2;

public sealed class ArithmeticExpressionTests
{
    [Theory]
    [InlineData("1 + 2 * 3", "7")]
    [InlineData("(1 + 2) * 3", "9")]
    [InlineData("(3.5 - 3.1) / 0.1 * 10", "40")]
    [InlineData("(110 + 95.5 + 130) / 3", "111.83333333333333333333333333")]
    [InlineData("2 ** 3 ** 2", "512")]
    [InlineData("2 ^ 10", "1024")]
    [InlineData("-2 ** 2", "-4")]
    [InlineData("2 ** -1", "0.5")]
    [InlineData("7 // 2", "3")]
    [InlineData("-7 // 2", "-4")]
    [InlineData("-7 % 3", "2")]
    [InlineData("round(2.675, 2) + abs(-1)", "3.68")]
    [InlineData("max(1, 4, 2) - min(3, floor(2.9)) + ceil(0.1)", "3")]
    [InlineData("sqrt(16)", "4")]
    [InlineData("1.5e2", "150")]
    public void Evaluate_Arithmetic_ExactValue(string expression, string expected)
    {
        var value = ArithmeticExpression.Evaluate(expression);

        Assert.Equal(expected, ArithmeticExpression.Format(value));
    }

    [Theory]
    [InlineData("1 / 0", "division by zero")]
    [InlineData("1 +", "unexpected the end of the expression")]
    [InlineData("(1 + 2", "expected ')' but found the end of the expression")]
    [InlineData("2 3", "unexpected '3' at position 3")]
    [InlineData("__import__('os')", "unexpected '_' at position 1")]
    [InlineData("exec(1)", "unknown function 'exec'")]
    [InlineData("sqrt(-1)", "sqrt() of a negative number")]
    [InlineData("79228162514264337593543950335 * 2", "the value is too large")]
    public void Evaluate_NotAValue_FormatErrorSaysWhy(string expression, string message)
    {
        var error = Assert.Throws<FormatException>(() => ArithmeticExpression.Evaluate(expression));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_DeepNesting_RefusedNotOverflowed()
    {
        var error = Assert.Throws<FormatException>(() => ArithmeticExpression.Evaluate(new string('(', 200) + "1" + new string(')', 200)));

        Assert.Contains("nests deeper than 50 levels", error.Message, StringComparison.Ordinal);
    }
}
