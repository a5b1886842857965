namespace ClinicalAgent.Workflows.Expressions;

/// <summary>One token of an expression and where it starts.</summary>
public readonly record struct ExpressionToken(TokenKind Kind, string Text, int Position);
