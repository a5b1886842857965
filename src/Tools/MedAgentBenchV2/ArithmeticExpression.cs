using System.Globalization;

namespace ClinicalAgent.Tools.MedAgentBenchV2;

/// <summary>
/// The v2 <c>calculator</c>'s evaluator: arithmetic only, parsed here (no code is compiled or run). Numbers, <c>+ - * /</c>,
/// <c>//</c> (floor division), <c>%</c>, <c>**</c> or <c>^</c> (power, right-associative), parentheses, unary signs, the
/// constants <c>pi</c> and <c>e</c>, and <c>abs round floor ceil sqrt min max</c>. Decimal arithmetic, so the doses the
/// benchmark asks for come out exact (<c>(3.5 - 3.1) / 0.1 * 10</c> is 40, not 39.99999).
/// </summary>
internal sealed class ArithmeticExpression
{
    /// <summary>The longest expression accepted.</summary>
    public const int MaxLength = 500;

    private const int MaxDepth = 50;

    private readonly string _text;
    private int _position;
    private int _depth;

    private ArithmeticExpression(string text) => _text = text;

    /// <summary>The value of <paramref name="expression"/>.</summary>
    /// <exception cref="FormatException">Not an arithmetic expression this evaluator knows, or a value it cannot give
    /// (division by zero, overflow); the message says where.</exception>
    public static decimal Evaluate(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        if (expression.Length > MaxLength)
            throw new FormatException($"the expression is longer than {MaxLength} characters");
        var parser = new ArithmeticExpression(expression);
        var value = parser.Sum();
        parser.SkipSpaces();
        if (parser._position < expression.Length)
            throw parser.Unexpected();
        return value;
    }

    /// <summary>The value as the calculator writes it: invariant digits, no trailing zeros.</summary>
    public static string Format(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    private decimal Sum()
    {
        var value = Product();
        while (true)
        {
            if (Take("+"))
                value = Checked(() => value + Product());
            else if (Take("-"))
                value = Checked(() => value - Product());
            else
                return value;
        }
    }

    private decimal Product()
    {
        var value = Unary();
        while (true)
        {
            if (Take("*"))
            {
                var right = Unary();
                value = Checked(() => value * right);
            }
            else if (Take("//"))
            {
                value = decimal.Floor(Divide(value, Unary()));
            }
            else if (Take("/"))
            {
                value = Divide(value, Unary());
            }
            else if (Take("%"))
            {
                var right = Unary();
                if (right == 0)
                    throw new FormatException("modulo by zero");
                // Python's sign convention: the result takes the divisor's sign.
                var remainder = value % right;
                value = remainder != 0 && (remainder < 0) != (right < 0) ? remainder + right : remainder;
            }
            else
            {
                return value;
            }
        }
    }

    private decimal Unary()
    {
        if (Take("-"))
            return -Nested(Unary);
        if (Take("+"))
            return Nested(Unary);
        return Power();
    }

    private decimal Power()
    {
        var value = Primary();
        if (Take("**") || Take("^"))
        {
            var exponent = Nested(Unary);
            return Raise(value, exponent);
        }

        return value;
    }

    private decimal Primary()
    {
        SkipSpaces();
        if (Take("("))
        {
            var inner = Nested(Sum);
            Expect(")");
            return inner;
        }

        if (_position < _text.Length && (char.IsAsciiDigit(_text[_position]) || _text[_position] == '.'))
            return Number();
        if (_position < _text.Length && char.IsAsciiLetter(_text[_position]))
            return Name();
        throw Unexpected();
    }

    private decimal Number()
    {
        var start = _position;
        while (_position < _text.Length && (char.IsAsciiDigit(_text[_position]) || _text[_position] == '.'))
            _position++;
        if (_position < _text.Length && _text[_position] is 'e' or 'E'
            && _position + 1 < _text.Length && (char.IsAsciiDigit(_text[_position + 1]) || _text[_position + 1] is '+' or '-'))
        {
            _position += 2;
            while (_position < _text.Length && char.IsAsciiDigit(_text[_position]))
                _position++;
        }

        var literal = _text[start.._position];
        return decimal.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"'{literal}' is not a number");
    }

    private decimal Name()
    {
        var start = _position;
        while (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] == '_'))
            _position++;
        var name = _text[start.._position];
        switch (name)
        {
            case "pi":
                return (decimal)Math.PI;
            case "e":
                return (decimal)Math.E;
        }

        Expect("(");
        var arguments = new List<decimal> { Nested(Sum) };
        while (Take(","))
            arguments.Add(Nested(Sum));
        Expect(")");
        return Call(name, arguments);
    }

    private static decimal Call(string name, List<decimal> arguments)
    {
        decimal One() => arguments.Count == 1 ? arguments[0] : throw new FormatException($"{name}() takes one argument, not {arguments.Count}");
        return name switch
        {
            "abs" => Math.Abs(One()),
            "floor" => decimal.Floor(One()),
            "ceil" => decimal.Ceiling(One()),
            "sqrt" => One() < 0 ? throw new FormatException("sqrt() of a negative number") : (decimal)Math.Sqrt((double)One()),
            "round" when arguments.Count is 1 or 2 => decimal.Round(arguments[0], arguments.Count == 2 ? Digits(arguments[1]) : 0, MidpointRounding.ToEven),
            "round" => throw new FormatException($"round() takes one or two arguments, not {arguments.Count}"),
            "min" => arguments.Min(),
            "max" => arguments.Max(),
            _ => throw new FormatException($"unknown function '{name}' (known: abs, round, floor, ceil, sqrt, min, max)"),
        };
    }

    private static int Digits(decimal digits) => digits == decimal.Truncate(digits) && digits is >= 0 and <= 28
        ? (int)digits
        : throw new FormatException("round()'s digits must be a whole number from 0 to 28");

    private static decimal Raise(decimal value, decimal exponent)
    {
        if (exponent == decimal.Truncate(exponent) && Math.Abs(exponent) <= 64)
        {
            var result = 1m;
            for (var i = 0; i < Math.Abs(exponent); i++)
                result = Checked(() => result * value);
            return exponent >= 0 ? result : Divide(1m, result);
        }

        var power = Math.Pow((double)value, (double)exponent);
        return double.IsFinite(power) && Math.Abs(power) < (double)decimal.MaxValue
            ? (decimal)power
            : throw new FormatException("the power has no finite real value");
    }

    private static decimal Divide(decimal left, decimal right) => right == 0 ? throw new FormatException("division by zero") : Checked(() => left / right);

    private static decimal Checked(Func<decimal> operation)
    {
        try
        {
            return operation();
        }
        catch (OverflowException)
        {
            throw new FormatException("the value is too large");
        }
    }

    private decimal Nested(Func<decimal> parse)
    {
        if (++_depth > MaxDepth)
            throw new FormatException($"the expression nests deeper than {MaxDepth} levels");
        try
        {
            return parse();
        }
        finally
        {
            _depth--;
        }
    }

    private bool Peek(string token)
    {
        SkipSpaces();
        return string.CompareOrdinal(_text, _position, token, 0, token.Length) == 0;
    }

    private bool Take(string token)
    {
        if (!Peek(token))
            return false;
        _position += token.Length;
        return true;
    }

    private void Expect(string token)
    {
        if (!Take(token))
            throw Unexpected(token);
    }

    private void SkipSpaces()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
            _position++;
    }

    private FormatException Unexpected(string? wanted = null)
    {
        var found = _position < _text.Length ? $"'{_text[_position]}' at position {_position + 1}" : "the end of the expression";
        return new FormatException(wanted is null ? $"unexpected {found}" : $"expected '{wanted}' but found {found}");
    }
}
