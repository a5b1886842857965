namespace ClinicalAgent.Workflows.Expressions;

/// <summary>A parsed expression: evaluates over variables, and names the variables it reads.</summary>
public abstract record Expression
{
    /// <summary>The value: a double, string, bool, null, or a JSON object or array for a whole variable.</summary>
    public abstract object? Evaluate(VariableScope scope);

    /// <summary>The dotted variable paths the expression reads.</summary>
    public abstract IEnumerable<string> Variables();
}
