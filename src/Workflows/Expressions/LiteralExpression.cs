namespace ClinicalAgent.Workflows.Expressions;

/// <summary>A number, string, true, false or null.</summary>
internal sealed record LiteralExpression(object? Value) : Expression
{
    public override object? Evaluate(VariableScope scope) => Value;

    public override IEnumerable<string> Variables() => [];
}
