using System.Text;

namespace ClinicalAgent.Workflows.Expressions;

/// <summary>Splits an expression into tokens: numbers, quoted strings, dotted names, operators and parentheses.</summary>
internal static class ExpressionTokenizer
{
    private static readonly string[] Operators = ["==", "!=", "<=", ">=", "&&", "||", "<", ">", "+", "-", "*", "/", "%", "!"];

    public static List<ExpressionToken> Tokenize(string text)
    {
        var tokens = new List<ExpressionToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
                {
                    i++;
                }

                tokens.Add(new ExpressionToken(TokenKind.Number, text[start..i], start));
            }
            else if (c is '\'' or '"')
            {
                tokens.Add(ReadString(text, ref i));
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                // Dotted paths are one token: `k.value`, `trigger.resource.id`; digits index arrays: `ids.0`.
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.'))
                {
                    i++;
                }

                var name = text[start..i];
                if (name.EndsWith('.') || name.Contains("..", StringComparison.Ordinal))
                {
                    throw new ExpressionException($"'{name}' is not a valid variable path.", start);
                }

                tokens.Add(new ExpressionToken(TokenKind.Identifier, name, start));
            }
            else if (c == '(' || c == ')' || c == ',')
            {
                tokens.Add(new ExpressionToken(c == '(' ? TokenKind.LeftParen : c == ')' ? TokenKind.RightParen : TokenKind.Comma, c.ToString(), i));
                i++;
            }
            else
            {
                var op = Operators.FirstOrDefault(o => string.CompareOrdinal(text, i, o, 0, o.Length) == 0)
                    ?? throw new ExpressionException($"Unexpected character '{c}' at {i + 1}.", i);
                tokens.Add(new ExpressionToken(TokenKind.Operator, op, i));
                i += op.Length;
            }
        }

        tokens.Add(new ExpressionToken(TokenKind.End, "", text.Length));
        return tokens;
    }

    private static ExpressionToken ReadString(string text, ref int i)
    {
        var quote = text[i];
        var start = i++;
        var value = new StringBuilder();
        while (i < text.Length && text[i] != quote)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                i++;
            }

            value.Append(text[i++]);
        }

        if (i >= text.Length)
        {
            throw new ExpressionException($"The string starting at {start + 1} is not closed.", start);
        }

        i++;
        return new ExpressionToken(TokenKind.String, value.ToString(), start);
    }
}
