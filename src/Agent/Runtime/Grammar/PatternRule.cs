using System.Globalization;
using System.Text;

namespace ClinicalAgent.Agent.Runtime.Grammar;

/// <summary>
/// Translates a JSON Schema <c>pattern</c> of a documented regex subset into the GBNF of the JSON string it
/// matches (quotes included). The subset: anchored at both ends (<c>^…$</c>); literal characters and escaped
/// metacharacters; <c>\d</c> and <c>\w</c>; character classes <c>[a-z0-9_]</c> and negated ones <c>[^,]</c> of
/// printable characters other than <c>"</c> and <c>\</c>; groups <c>( )</c> and <c>(?: )</c>; alternation <c>|</c>;
/// the quantifiers <c>? * + {n} {n,} {n,m}</c>. Anything else returns null: the grammar then admits any string
/// and the pattern is checked after sampling.
/// </summary>
internal sealed class PatternRule
{
    private readonly string _pattern;
    private int _position;

    private PatternRule(string pattern) => _pattern = pattern;

    /// <summary>The GBNF body of a JSON string matching <paramref name="pattern"/>, or null when it is outside the subset.</summary>
    public static string? Translate(string pattern)
    {
        if (pattern.Length < 2 || pattern[0] != '^' || pattern[^1] != '$' || (pattern.Length >= 3 && pattern[^2] == '\\'))
        {
            return null;
        }

        var parser = new PatternRule(pattern[1..^1]);
        try
        {
            var body = parser.Alternation();
            return parser._position == parser._pattern.Length ? $"\"\\\"\" {body} \"\\\"\"" : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private string Alternation()
    {
        var branches = new List<string> { Sequence() };
        while (Peek() == '|')
        {
            _position++;
            branches.Add(Sequence());
        }

        return branches.Count == 1 ? branches[0] : "( " + string.Join(" | ", branches.Select(b => $"( {b} )")) + " )";
    }

    private string Sequence()
    {
        var items = new List<string>();
        while (Peek() is { } c && c != '|' && c != ')')
        {
            items.Add(Quantified(Atom()));
        }

        return items.Count == 0 ? "\"\"" : string.Join(" ", items);
    }

    private string Quantified(string atom)
    {
        switch (Peek())
        {
            case '?': _position++; return Lazy($"( {atom} )?");
            case '*': _position++; return Lazy($"( {atom} )*");
            case '+': _position++; return Lazy($"( {atom} )+");
            case '{':
                var close = _pattern.IndexOf('}', _position);
                if (close < 0)
                {
                    throw new FormatException();
                }

                var bounds = _pattern[(_position + 1)..close].Split(',');
                _position = close + 1;
                if (bounds.Length > 2)
                {
                    throw new FormatException();
                }

                var min = Count(bounds[0]);
                int? max = bounds.Length == 1 ? min : bounds[1].Length == 0 ? null : Count(bounds[1]);
                if (max < min)
                {
                    throw new FormatException();
                }

                var repeat = bounds.Length == 1 ? $"{{{min}}}" : $"{{{min},{max}}}";
                return Lazy($"( {atom} ){repeat}");
            default:
                return atom;
        }
    }

    /// <summary>A lazy quantifier (<c>??</c>, <c>*?</c>) matches the same strings; possessive ones are refused.</summary>
    private string Lazy(string expression)
    {
        if (Peek() == '?')
        {
            _position++;
        }
        else if (Peek() == '+')
        {
            throw new FormatException();
        }

        return expression;
    }

    private string Atom()
    {
        var c = _pattern[_position++];
        switch (c)
        {
            case '(':
                if (_pattern.AsSpan(_position).StartsWith("?:"))
                {
                    _position += 2;
                }
                else if (Peek() == '?')
                {
                    throw new FormatException(); // lookarounds and named groups
                }

                var inner = Alternation();
                if (Peek() != ')')
                {
                    throw new FormatException();
                }

                _position++;
                return $"( {inner} )";
            case '[':
                return CharacterClass();
            case '\\':
                return Escape(_pattern[_position++]);
            case '.' or '^' or '$' or '*' or '+' or '?' or '{' or '}' or ']':
                throw new FormatException(); // '.' would admit escapes and line breaks; anchors mid-pattern
            default:
                return Literal(c);
        }
    }

    private static string Escape(char c) => c switch
    {
        'd' => "[0-9]",
        'w' => "[a-zA-Z0-9_]",
        _ when "\\^$.|?*+()[]{}/-".Contains(c, StringComparison.Ordinal) => Literal(c),
        _ => throw new FormatException(), // \s, \b, \D, back-references, \u escapes
    };

    private string CharacterClass()
    {
        var builder = new StringBuilder("[");
        if (Peek() == '^')
        {
            // A negated class must still exclude what a JSON string cannot hold raw.
            builder.Append("^\"\\\\\\x00-\\x1F\\x7F");
            _position++;
        }

        var any = false;
        while (Peek() is { } c && c != ']')
        {
            _position++;
            if (c == '\\')
            {
                var escaped = _pattern[_position++];
                if (escaped == 'd')
                {
                    builder.Append("0-9");
                }
                else if (escaped == 'w')
                {
                    builder.Append("a-zA-Z0-9_");
                }
                else if ("-]^./[".Contains(escaped, StringComparison.Ordinal))
                {
                    builder.Append(ClassCharacter(escaped));
                }
                else
                {
                    throw new FormatException();
                }
            }
            else if (c is '"' or '\\' || char.IsControl(c))
            {
                throw new FormatException();
            }
            else
            {
                builder.Append(ClassCharacter(c));
                if (Peek() == '-' && _position + 1 < _pattern.Length && _pattern[_position + 1] != ']')
                {
                    builder.Append('-');
                    _position++;
                }
            }

            any = true;
        }

        if (!any || Peek() != ']')
        {
            throw new FormatException();
        }

        _position++;
        return builder.Append(']').ToString();
    }

    /// <summary>A character inside a GBNF class: llama.cpp knows only a few escapes, so '-' and '^' go as hex.</summary>
    private static string ClassCharacter(char c) => c switch
    {
        '-' => "\\x2D",
        '^' => "\\x5E",
        ']' => "\\]",
        '[' => "\\[",
        _ => c.ToString(),
    };

    private static string Literal(char c)
    {
        if (c is '"' or '\\' || char.IsControl(c) || char.IsSurrogate(c))
        {
            throw new FormatException();
        }

        return GbnfText.Literal(c.ToString());
    }

    private static int Count(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count <= 1000 ? count : throw new FormatException();

    private char? Peek() => _position < _pattern.Length ? _pattern[_position] : null;
}
