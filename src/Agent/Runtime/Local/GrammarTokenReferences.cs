namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>
/// Whether a GBNF grammar refers to tokens by id or text (<c>&lt;[id]&gt;</c>, <c>&lt;token&gt;</c>, <c>!&lt;…&gt;</c>),
/// which llama.cpp's grammar matches by the token's id rather than by its text, so the prefix rule of
/// <see cref="LevelGrammarMask"/> does not hold for them.
/// </summary>
internal static class GrammarTokenReferences
{
    /// <summary>
    /// True when <paramref name="grammar"/> has a <c>&lt;</c> outside its string literals, character classes and
    /// comments (the only place a token reference can stand); erring on the side of true is safe (the full scan).
    /// </summary>
    public static bool Present(string grammar)
    {
        for (var at = 0; at < grammar.Length; at++)
        {
            switch (grammar[at])
            {
                case '"':
                    at = SkipQuoted(grammar, at, '"');
                    break;
                case '[':
                    at = SkipQuoted(grammar, at, ']');
                    break;
                case '#':
                    while (at < grammar.Length && grammar[at] is not ('\n' or '\r'))
                        at++;
                    break;
                case '<':
                    return true;
            }
        }

        return false;
    }

    /// <summary>The index of the <paramref name="close"/> that ends the literal opened at <paramref name="open"/>, escapes skipped.</summary>
    private static int SkipQuoted(string grammar, int open, char close)
    {
        var at = open + 1;
        while (at < grammar.Length && grammar[at] != close)
            at += grammar[at] == '\\' ? 2 : 1;
        return at;
    }
}
