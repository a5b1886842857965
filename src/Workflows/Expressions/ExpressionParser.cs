using System.Globalization;

namespace ClinicalAgent.Workflows.Expressions;

/// <summary>
/// Recursive descent over the tokens. Precedence, lowest first: <c>or ||</c>, <c>and &amp;&amp;</c>, <c>not !</c>,
/// comparisons, <c>+ -</c>, <c>* / %</c>, unary minus, then literals, paths, calls and parentheses.
/// </summary>
internal sealed class ExpressionParser
{
    private readonly List<ExpressionToken> _tokens;
    private readonly string _text;
    private int _next;

    private ExpressionParser(string text)
    {
        _text = text;
        _tokens = ExpressionTokenizer.Tokenize(text);
    }

    /// <summary>Parses <paramref name="text"/>; throws <see cref="ExpressionException"/> naming the problem and position.</summary>
    public static Expression Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ExpressionException("The expression is empty.", 0);
        }

        var parser = new ExpressionParser(text);
        var expression = parser.Or();
        var end = parser.Peek;
        return end.Kind == TokenKind.End
            ? expression
            : throw new ExpressionException($"Unexpected '{end.Text}' at {end.Position + 1} in '{text}'.", end.Position);
    }

    private ExpressionToken Peek => _tokens[_next];

    private Expression Or()
    {
        var left = And();
        while (Accept("or", "||"))
        {
            left = new BinaryExpression("or", left, And());
        }

        return left;
    }

    private Expression And()
    {
        var left = Not();
        while (Accept("and", "&&"))
        {
            left = new BinaryExpression("and", left, Not());
        }

        return left;
    }

    private Expression Not() => Accept("not", "!") ? new UnaryExpression("not", Not()) : Comparison();

    private Expression Comparison()
    {
        var left = Sum();
        if (Peek is { Kind: TokenKind.Operator, Text: "==" or "!=" or "<" or "<=" or ">" or ">=" } op)
        {
            _next++;
            left = new BinaryExpression(op.Text, left, Sum());
        }

        return left;
    }

    private Expression Sum()
    {
        var left = Product();
        while (Peek is { Kind: TokenKind.Operator, Text: "+" or "-" } op)
        {
            _next++;
            left = new BinaryExpression(op.Text, left, Product());
        }

        return left;
    }

    private Expression Product()
    {
        var left = Unary();
        while (Peek is { Kind: TokenKind.Operator, Text: "*" or "/" or "%" } op)
        {
            _next++;
            left = new BinaryExpression(op.Text, left, Unary());
        }

        return left;
    }

    private Expression Unary()
    {
        if (Peek is { Kind: TokenKind.Operator, Text: "-" })
        {
            _next++;
            return new UnaryExpression("-", Unary());
        }

        return Primary();
    }

    private Expression Primary()
    {
        var token = _tokens[_next++];
        switch (token.Kind)
        {
            case TokenKind.Number:
                return double.TryParse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                    ? new LiteralExpression(number)
                    : throw new ExpressionException($"'{token.Text}' is not a number.", token.Position);
            case TokenKind.String:
                return new LiteralExpression(token.Text);
            case TokenKind.LeftParen:
                var inner = Or();
                Expect(TokenKind.RightParen, "')'");
                return inner;
            case TokenKind.Identifier:
                return token.Text switch
                {
                    "true" => new LiteralExpression(true),
                    "false" => new LiteralExpression(false),
                    "null" => new LiteralExpression(null),
                    _ when Peek.Kind == TokenKind.LeftParen => Call(token),
                    _ => new PathExpression(token.Text),
                };
            default:
                throw new ExpressionException(token.Kind == TokenKind.End
                    ? $"'{_text}' ends where a value was expected."
                    : $"Unexpected '{token.Text}' at {token.Position + 1} in '{_text}'.", token.Position);
        }
    }

    private CallExpression Call(ExpressionToken name)
    {
        if (!CallExpression.Functions.TryGetValue(name.Text, out var arity))
        {
            throw new ExpressionException($"Unknown function '{name.Text}' (known: {string.Join(", ", CallExpression.Functions.Keys)}).", name.Position);
        }

        _next++;
        var arguments = new List<Expression>();
        if (Peek.Kind != TokenKind.RightParen)
        {
            do
            {
                arguments.Add(Or());
            }
            while (Peek.Kind == TokenKind.Comma && _next++ >= 0);
        }

        Expect(TokenKind.RightParen, "')'");
        return arguments.Count >= arity.Min && arguments.Count <= arity.Max
            ? new CallExpression(name.Text, arguments)
            : throw new ExpressionException($"{name.Text}() takes {arity.Min}{(arity.Max != arity.Min ? $" to {arity.Max}" : "")} arguments, not {arguments.Count}.", name.Position);
    }

    private bool Accept(string word, string symbol)
    {
        var token = Peek;
        if ((token.Kind == TokenKind.Identifier && token.Text == word) || (token.Kind == TokenKind.Operator && token.Text == symbol))
        {
            _next++;
            return true;
        }

        return false;
    }

    private void Expect(TokenKind kind, string what)
    {
        var token = _tokens[_next];
        if (token.Kind != kind)
        {
            throw new ExpressionException($"Expected {what} at {token.Position + 1} in '{_text}'.", token.Position);
        }

        _next++;
    }
}
