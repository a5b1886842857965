using System.Text;

namespace ClinicalAgent.Agent.Runtime.Grammar;

/// <summary>
/// An ordered set of GBNF rules with unique names. The JSON primitives are defined once, on first
/// use, and shared by every schema compiled into the same set.
/// </summary>
internal sealed class GbnfRules
{
    /// <summary>Bounded whitespace: nothing, one space, or a line break and a little indentation.
    /// An unbounded <c>ws</c> lets a weak model emit spaces until it runs out of tokens.</summary>
    public const string Ws = "ws";

    private static readonly Dictionary<string, string> Primitives = new(StringComparer.Ordinal)
    {
        [Ws] = "( \" \" | \"\\n\" [ ]{0,8} )?",
        // \u escapes of UTF-16 surrogates (D800-DFFF) are left out: a lone one is no text .NET can decode, and a pair
        // can be written as the character itself.
        ["json-char"] = "[^\"\\\\\\x7F\\x00-\\x1F] | \"\\\\\" ( [\"\\\\/bfnrt] | \"u\" ( [0-9a-cA-CeEfF] [0-9a-fA-F]{3} | [dD] [0-7] [0-9a-fA-F]{2} ) )",
        ["json-string"] = "\"\\\"\" json-char* \"\\\"\"",
        ["json-integer"] = "\"-\"? json-uint",
        ["json-uint"] = "( \"0\" | [1-9] [0-9]{0,15} )",
        ["json-number"] = "\"-\"? json-unumber",
        ["json-unumber"] = "json-uint ( \".\" [0-9]{1,16} )? ( [eE] [-+]? [0-9]{1,3} )?",
        ["json-boolean"] = "\"true\" | \"false\"",
        ["json-null"] = "\"null\"",
        ["json-value"] = "json-object | json-array | json-string | json-number | json-boolean | json-null",
        ["json-object"] = "\"{\" ws ( json-string ws \":\" ws json-value ( ws \",\" ws json-string ws \":\" ws json-value )* )? ws \"}\"",
        ["json-array"] = "\"[\" ws ( json-value ( ws \",\" ws json-value )* )? ws \"]\"",
        // Months with their days; only 29 February of a common year gets past the grammar (the validator catches it).
        ["json-date"] = "( [1-9] [0-9]{3} | \"0\" [1-9] [0-9]{2} | \"00\" [1-9] [0-9] | \"000\" [1-9] ) \"-\" ( \"02-\" ( \"0\" [1-9] | [12] [0-9] ) | ( \"0\" [469] | \"11\" ) \"-\" ( \"0\" [1-9] | [12] [0-9] | \"30\" ) | ( \"0\" [13578] | \"1\" [02] ) \"-\" ( \"0\" [1-9] | [12] [0-9] | \"3\" [01] ) )",
        ["string-date"] = "\"\\\"\" json-date \"\\\"\"",
        ["string-date-time"] = "\"\\\"\" json-date [Tt ] json-time \"\\\"\"",
        ["string-time"] = "\"\\\"\" json-time \"\\\"\"",
        ["string-uuid"] = "\"\\\"\" [0-9a-fA-F]{8} \"-\" [0-9a-fA-F]{4} \"-\" [0-9a-fA-F]{4} \"-\" [0-9a-fA-F]{4} \"-\" [0-9a-fA-F]{12} \"\\\"\"",
        ["string-timespan"] = "\"\\\"\" \"-\"? ( [0-9]{1,8} \".\" )? [0-9]{2} \":\" [0-9]{2} \":\" [0-9]{2} ( \".\" [0-9]{1,7} )? \"\\\"\"",
        ["json-time"] = "json-hour \":\" [0-5] [0-9] \":\" [0-5] [0-9] ( \".\" [0-9]{1,7} )? ( \"Z\" | [+-] json-hour \":\" [0-5] [0-9] )?",
        ["json-hour"] = "[01] [0-9] | \"2\" [0-3]",
    };

    private static readonly Dictionary<string, string[]> PrimitiveDependencies = new(StringComparer.Ordinal)
    {
        ["json-string"] = ["json-char"],
        ["json-integer"] = ["json-uint"],
        ["json-number"] = ["json-unumber"],
        ["json-unumber"] = ["json-uint"],
        ["json-value"] = ["json-object", "json-array", "json-string", "json-number", "json-boolean", "json-null"],
        ["json-object"] = [Ws, "json-string", "json-value"],
        ["json-array"] = [Ws, "json-value"],
        ["string-date"] = ["json-date"],
        ["string-date-time"] = ["json-date", "json-time"],
        ["string-time"] = ["json-time"],
        ["json-time"] = ["json-hour"],
    };

    private readonly List<KeyValuePair<string, string>> _rules = [];
    private readonly Dictionary<(int, int), string> _characterRuns = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    public GbnfRules()
    {
        // Reserve the primitive names so a tool or property called "ws" gets a different rule.
        foreach (var name in Primitives.Keys)
        {
            _names.Add(name);
        }

        _names.Add("root");
    }

    /// <summary>Returns the name of a shared primitive rule, defining it (and what it uses) once.</summary>
    public string Primitive(string name)
    {
        if (_rules.Exists(rule => rule.Key == name))
        {
            return name;
        }

        _rules.Add(new(name, Primitives[name]));
        foreach (var dependency in PrimitiveDependencies.GetValueOrDefault(name, []))
        {
            Primitive(dependency);
        }

        return name;
    }

    /// <summary>
    /// llama.cpp refuses a repetition whose count times its symbols passes 2,000 (and LLamaSharp then crashes on the
    /// missing grammar), so every repetition this compiler writes stays at or under this.
    /// </summary>
    public const int MaxRepetition = 1000;

    private const int Chunk = 100;

    /// <summary>
    /// A rule for <paramref name="min"/> to <paramref name="max"/> JSON string characters, defined once per bound
    /// and shared: llama.cpp expands <c>{m,n}</c> into one (tail-recursive) rule per step. Long bounds are counted in
    /// chunks of a hundred, so no single repetition passes <see cref="MaxRepetition"/>.
    /// </summary>
    public string Characters(int min, int max)
    {
        if (_characterRuns.TryGetValue((min, max), out var name))
        {
            return name;
        }

        Primitive("json-char");
        string body;
        if (max <= MaxRepetition)
        {
            body = min == max ? $"json-char{{{min}}}" : $"json-char{{{min},{max}}}";
        }
        else
        {
            // Exactly min characters first, then 0..(max - min) more: q whole chunks and up to r characters, or fewer
            // chunks and up to 99 characters (the two alternatives cover disjoint lengths, so parsing stays linear).
            var chunk = Add($"chars-{Chunk}", $"json-char{{{Chunk}}}");
            var prefix = min == 0 ? "" : min <= MaxRepetition ? $"json-char{{{min}}} " : $"{chunk}{{{min / Chunk}}} json-char{{{min % Chunk}}} ";
            var rest = max - min;
            var (q, r) = (rest / Chunk, rest % Chunk);
            var more = rest == 0 ? ""
                : rest <= MaxRepetition ? $"json-char{{0,{rest}}}"
                : $"( {Repeated(chunk, q - 1)} json-char{{0,{Chunk - 1}}} | {chunk}{{{q}}} json-char{{0,{r}}} )";
            body = (prefix + more).Trim();
        }

        name = Add($"chars-{min}-{max}", body);
        _characterRuns[(min, max)] = name;
        return name;
    }

    private static string Repeated(string rule, int most) => most <= MaxRepetition
        ? $"{rule}{{0,{most}}}"
        : throw new NotSupportedException($"A string of more than {MaxRepetition * Chunk} characters cannot be bounded in the grammar.");

    /// <summary>Reserves a unique rule name derived from <paramref name="hint"/>.</summary>
    public string Reserve(string hint)
    {
        var baseName = GbnfText.RuleName(hint);
        var name = baseName;
        for (var i = 2; !_names.Add(name); i++)
        {
            name = $"{baseName}-{i}";
        }

        return name;
    }

    /// <summary>Defines a rule under a name got from <see cref="Reserve"/>.</summary>
    public void Define(string name, string body) => _rules.Add(new(name, body));

    /// <summary>Reserves a name from <paramref name="hint"/> and defines it.</summary>
    public string Add(string hint, string body)
    {
        var name = Reserve(hint);
        Define(name, body);
        return name;
    }

    /// <summary>Renders the grammar with the root rule first, then rules in definition order.</summary>
    public string Render(string rootBody)
    {
        var builder = new StringBuilder();
        builder.Append("root ::= ").Append(rootBody).Append('\n');
        foreach (var (name, body) in _rules)
        {
            builder.Append(name).Append(" ::= ").Append(body).Append('\n');
        }

        return builder.ToString();
    }
}
