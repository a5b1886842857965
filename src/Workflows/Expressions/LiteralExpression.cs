namespace ClinicalAgent.Workflows.Expressions;

/// <summary>A number, string, true, false or null.</summary>
public sealed record LiteralExpression(object? Value) : Expression
{
    public override object? Evaluate(VariableScope scope) => Value;

    public override IEnumerable<string> Variables() => [];
}
