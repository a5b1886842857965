namespace ClinicalAgent.Workflows.Expressions;

/// <summary>The kinds of token an expression is made of.</summary>
public enum TokenKind
{
    Number,
    String,
    Identifier,
    Operator,
    LeftParen,
    RightParen,
    Comma,
    End,
}
