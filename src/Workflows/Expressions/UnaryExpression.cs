namespace ClinicalAgent.Workflows.Expressions;

/// <summary><c>not x</c> / <c>!x</c> and <c>-x</c>.</summary>
internal sealed record UnaryExpression(string Operator, Expression Operand) : Expression
{
    public override object? Evaluate(VariableScope scope)
    {
        var value = Operand.Evaluate(scope);
        return Operator == "-" ? -Values.ToNumber(value, "-") : !Values.IsTrue(value);
    }

    public override IEnumerable<string> Variables() => Operand.Variables();
}
