using System.Globalization;

namespace ClinicalAgent.Agent.Tests.Runtime.Grammar;

/// <summary>
/// A small GBNF recognizer for tests: says whether a whole string matches a grammar's root. llama.cpp
/// can only parse a grammar without a model, so acceptance (this argument is allowed, that one is
/// not) is checked here. Covers the GBNF subset the runtime emits: literals, character classes,
/// <c>.</c>, groups, alternatives, <c>? * +</c> and <c>{m,n}</c>.
/// </summary>
internal sealed class GbnfMatcher
{
    private abstract record Node;
    private sealed record Literal(string Text) : Node;
    private sealed record CharClass(bool Negated, List<(char From, char To)> Ranges) : Node;
    private sealed record AnyChar : Node;
    private sealed record RuleRef(string Name) : Node;
    private sealed record Alternatives(List<List<Repeat>> Sequences) : Node;
    private sealed record Repeat(Node Node, int Min, int Max);

    private readonly Dictionary<string, Alternatives> _rules = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, int), HashSet<int>> _memo = [];
    private string _text = "";
    private string _src = "";
    private int _at;

    public GbnfMatcher(string gbnf)
    {
        _src = gbnf;
        SkipSpace(newlines: true);
        while (_at < _src.Length)
        {
            var name = Name();
            SkipSpace(newlines: false);
            Expect("::=");
            _rules[name] = ParseAlternatives(topLevel: true);
            SkipSpace(newlines: true);
        }
    }

    public bool Accepts(string text)
    {
        _text = text;
        _memo.Clear();
        return MatchRule("root", 0).Contains(text.Length);
    }

    private Alternatives ParseAlternatives(bool topLevel)
    {
        var sequences = new List<List<Repeat>> { new() };
        while (true)
        {
            SkipSpace(newlines: !topLevel);
            if (_at >= _src.Length || (topLevel && _src[_at] == '\n') || _src[_at] == ')')
            {
                return new Alternatives(sequences);
            }

            if (_src[_at] == '|')
            {
                _at++;
                sequences.Add([]);
                continue;
            }

            var atom = ParseAtom();
            sequences[^1].Add(ParseRepeat(atom));
        }
    }

    private Node ParseAtom()
    {
        var c = _src[_at];
        switch (c)
        {
            case '"':
                _at++;
                var literal = new System.Text.StringBuilder();
                while (_src[_at] != '"')
                {
                    literal.Append(NextChar());
                }

                _at++;
                return new Literal(literal.ToString());
            case '[':
                _at++;
                var negated = _src[_at] == '^';
                _at += negated ? 1 : 0;
                var ranges = new List<(char, char)>();
                while (_src[_at] != ']')
                {
                    var from = NextChar();
                    var to = from;
                    if (_src[_at] == '-' && _src[_at + 1] != ']')
                    {
                        _at++;
                        to = NextChar();
                    }

                    ranges.Add((from, to));
                }

                _at++;
                return new CharClass(negated, ranges);
            case '.':
                _at++;
                return new AnyChar();
            case '(':
                _at++;
                var group = ParseAlternatives(topLevel: false);
                Expect(")");
                return group;
            default:
                return new RuleRef(Name());
        }
    }

    private Repeat ParseRepeat(Node atom)
    {
        if (_at >= _src.Length)
        {
            return new Repeat(atom, 1, 1);
        }

        switch (_src[_at])
        {
            case '?': _at++; return new Repeat(atom, 0, 1);
            case '*': _at++; return new Repeat(atom, 0, int.MaxValue);
            case '+': _at++; return new Repeat(atom, 1, int.MaxValue);
            case '{':
                var end = _src.IndexOf('}', _at);
                var parts = _src[(_at + 1)..end].Split(',');
                _at = end + 1;
                var min = int.Parse(parts[0], CultureInfo.InvariantCulture);
                var max = parts.Length == 1 ? min : parts[1].Length == 0 ? int.MaxValue : int.Parse(parts[1], CultureInfo.InvariantCulture);
                return new Repeat(atom, min, max);
            default:
                return new Repeat(atom, 1, 1);
        }
    }

    private char NextChar()
    {
        var c = _src[_at++];
        if (c != '\\')
        {
            return c;
        }

        var e = _src[_at++];
        switch (e)
        {
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'x': _at += 2; return (char)int.Parse(_src.AsSpan(_at - 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            case 'u': _at += 4; return (char)int.Parse(_src.AsSpan(_at - 4, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            default: return e;
        }
    }

    private string Name()
    {
        var start = _at;
        while (_at < _src.Length && (char.IsAsciiLetterOrDigit(_src[_at]) || _src[_at] == '-'))
        {
            _at++;
        }

        return _at > start ? _src[start.._at] : throw new FormatException($"Rule name expected at {_at}: {_src[_at..Math.Min(_src.Length, _at + 20)]}");
    }

    private void Expect(string token)
    {
        SkipSpace(newlines: true);
        if (string.CompareOrdinal(_src, _at, token, 0, token.Length) != 0)
        {
            throw new FormatException($"'{token}' expected at {_at}.");
        }

        _at += token.Length;
    }

    private void SkipSpace(bool newlines)
    {
        while (_at < _src.Length && (_src[_at] == ' ' || _src[_at] == '\t' || (newlines && (_src[_at] == '\n' || _src[_at] == '\r')) || _src[_at] == '#'))
        {
            if (_src[_at] == '#')
            {
                while (_at < _src.Length && _src[_at] != '\n')
                {
                    _at++;
                }
            }
            else
            {
                _at++;
            }
        }
    }

    private HashSet<int> MatchRule(string name, int position)
    {
        if (_memo.TryGetValue((name, position), out var known))
        {
            return known;
        }

        var result = Match(_rules[name], position);
        _memo[(name, position)] = result;
        return result;
    }

    private HashSet<int> Match(Node node, int position) => node switch
    {
        Literal l => string.CompareOrdinal(_text, position, l.Text, 0, l.Text.Length) == 0 && position + l.Text.Length <= _text.Length ? [position + l.Text.Length] : [],
        CharClass c => position < _text.Length && c.Ranges.Any(r => _text[position] >= r.From && _text[position] <= r.To) != c.Negated ? [position + 1] : [],
        AnyChar => position < _text.Length ? [position + 1] : [],
        RuleRef r => MatchRule(r.Name, position),
        Alternatives a => a.Sequences.SelectMany(s => MatchSequence(s, position)).ToHashSet(),
        _ => throw new InvalidOperationException(),
    };

    private HashSet<int> MatchSequence(List<Repeat> sequence, int position)
    {
        HashSet<int> current = [position];
        foreach (var item in sequence)
        {
            current = current.SelectMany(p => MatchRepeat(item, p)).ToHashSet();
            if (current.Count == 0)
            {
                break;
            }
        }

        return current;
    }

    private HashSet<int> MatchRepeat(Repeat repeat, int position)
    {
        var results = new HashSet<int>();
        HashSet<int> frontier = [position];
        for (var count = 0; frontier.Count > 0; count++)
        {
            if (count >= repeat.Min)
            {
                results.UnionWith(frontier);
            }

            if (count == repeat.Max)
            {
                break;
            }

            // Positions already reached past the minimum add nothing new when matched again.
            frontier = frontier.SelectMany(p => Match(repeat.Node, p)).Where(p => count + 1 < repeat.Min || !results.Contains(p)).ToHashSet();
        }

        return results;
    }
}
