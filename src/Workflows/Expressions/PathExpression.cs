namespace ClinicalAgent.Workflows.Expressions;

/// <summary>A variable or a dotted path into one: <c>k.value</c>, <c>trigger.id</c>.</summary>
internal sealed record PathExpression(string Path) : Expression
{
    public override object? Evaluate(VariableScope scope) => scope.Resolve(Path);

    public override IEnumerable<string> Variables() => [Path];
}
