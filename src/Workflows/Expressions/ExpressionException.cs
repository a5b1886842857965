namespace ClinicalAgent.Workflows.Expressions;

/// <summary>An expression that does not parse, or names a variable or function that does not exist.</summary>
internal sealed class ExpressionException(string message, int position = -1) : Exception(message)
{
    /// <summary>The character offset of the problem in the expression, or -1.</summary>
    public int Position { get; } = position;
}
