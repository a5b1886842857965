namespace ClinicalAgent.Workflows.Expressions;

/// <summary>Arithmetic, comparison and the short-circuit <c>and</c> / <c>or</c>.</summary>
internal sealed record BinaryExpression(string Operator, Expression Left, Expression Right) : Expression
{
    public override object? Evaluate(VariableScope scope)
    {
        var left = Left.Evaluate(scope);
        switch (Operator)
        {
            case "and":
                return Values.IsTrue(left) && Values.IsTrue(Right.Evaluate(scope));
            case "or":
                return Values.IsTrue(left) || Values.IsTrue(Right.Evaluate(scope));
        }

        var right = Right.Evaluate(scope);
        return Operator switch
        {
            "==" => Values.AreEqual(left, right),
            "!=" => !Values.AreEqual(left, right),
            "<" => Values.Compare(left, right, Operator) is < 0,
            "<=" => Values.Compare(left, right, Operator) is <= 0,
            ">" => Values.Compare(left, right, Operator) is > 0,
            ">=" => Values.Compare(left, right, Operator) is >= 0,
            "+" when left is string || right is string => Values.ToText(left) + Values.ToText(right),
            "+" => Values.ToNumber(left, Operator) + Values.ToNumber(right, Operator),
            "-" => Values.ToNumber(left, Operator) - Values.ToNumber(right, Operator),
            "*" => Values.ToNumber(left, Operator) * Values.ToNumber(right, Operator),
            "/" => Values.ToNumber(left, Operator) / Values.ToNumber(right, Operator),
            "%" => Values.ToNumber(left, Operator) % Values.ToNumber(right, Operator),
            _ => throw new ExpressionException($"Unknown operator '{Operator}'."),
        };
    }

    public override IEnumerable<string> Variables() => Left.Variables().Concat(Right.Variables());
}
