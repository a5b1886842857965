using System.Text.Json.Nodes;
using ClinicalAgent.Workflows.Expressions;

namespace ClinicalAgent.Workflows.Tests.Expressions;

public sealed class ExpressionParserTests
{
    private static readonly VariableScope Scope = new(new JsonObject
    {
        ["k"] = new JsonObject { ["value"] = 3.1, ["count"] = 1, ["date"] = "2024-01-01T00:00:00Z" },
        ["name"] = "kcl",
        ["empty"] = new JsonObject { ["count"] = 0 },
    }, DateTimeOffset.Parse("2024-01-11T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("k.value < 3.5", true)]
    [InlineData("k.value >= 3.5", false)]
    [InlineData("k.count > 0 and k.value < 3.5", true)]
    [InlineData("empty.count > 0 or not (k.value > 3)", false)]
    [InlineData("!(k.value == 3.1) || name == 'kcl'", true)]
    [InlineData("empty.missing < 3", false)]
    [InlineData("days_since(k.date) > 9.5", true)]
    [InlineData("exists(empty.missing)", false)]
    public void Evaluate_Condition_GivesExpectedTruth(string expression, bool expected)
    {
        var parsed = ExpressionParser.Parse(expression);

        var value = Values.IsTrue(parsed.Evaluate(Scope));

        Assert.Equal(expected, value);
    }

    [Fact]
    public void Evaluate_ArithmeticWithPrecedence_ComputesTheDose()
    {
        var parsed = ExpressionParser.Parse("round((3.5 - k.value) / 0.1 * 10, 1)");

        var value = parsed.Evaluate(Scope);

        Assert.Equal(40.0, (double)value!, 6);
    }

    [Fact]
    public void Evaluate_MinusBindsTighterThanComparison_AndLeftToRight()
    {
        var parsed = ExpressionParser.Parse("10 - 2 - 3 == 5 and 2 + 3 * 4 == 14");

        var value = parsed.Evaluate(Scope);

        Assert.Equal(true, value);
    }

    [Fact]
    public void Variables_OfExpression_ListsEveryPath()
    {
        var parsed = ExpressionParser.Parse("coalesce(k.value, other.x) > limit");

        var variables = parsed.Variables().ToList();

        Assert.Equal(["k.value", "other.x", "limit"], variables);
    }

    [Theory]
    [InlineData("k.value <", "ends where a value was expected")]
    [InlineData("(k.value < 3", "Expected ')'")]
    [InlineData("k.value ? 3", "Unexpected character '?'")]
    [InlineData("nope(1)", "Unknown function 'nope'")]
    [InlineData("round()", "round() takes 1 to 2 arguments")]
    [InlineData("'open", "is not closed")]
    public void Parse_BadExpression_NamesTheProblem(string expression, string expected)
    {
        var ex = Assert.Throws<ExpressionException>(() => ExpressionParser.Parse(expression));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_UndefinedVariable_Throws()
    {
        var parsed = ExpressionParser.Parse("missing.value < 3");

        var ex = Assert.Throws<ExpressionException>(() => parsed.Evaluate(Scope));

        Assert.Contains("Undefined variable 'missing'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_JsonTemplate_KeepsTypeOfWholePlaceholders()
    {
        var template = JsonNode.Parse("""{"dose": "{{ k.count * 40 }}", "text": "K {{ k.value }} for {{ name }}", "n": [ "{{ k.count }}" ]}""");

        var rendered = Template.Render(template, Scope)!;

        Assert.Equal(40, rendered["dose"]!.GetValue<long>());
        Assert.Equal("K 3.1 for kcl", rendered["text"]!.GetValue<string>());
        Assert.Equal(1, rendered["n"]![0]!.GetValue<long>());
    }
}
