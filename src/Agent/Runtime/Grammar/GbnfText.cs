using System.Globalization;
using System.Text;

namespace ClinicalAgent.Agent.Runtime.Grammar;

/// <summary>Spelling helpers for llama.cpp's GBNF: string literals and rule names.</summary>
internal static class GbnfText
{
    /// <summary>A GBNF string literal that matches <paramref name="text"/> exactly.</summary>
    public static string Literal(string text)
    {
        var builder = new StringBuilder(text.Length + 2);
        builder.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < 0x20 || c == 0x7F)
                    {
                        builder.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        // Non-ASCII stays literal: llama.cpp decodes the grammar as UTF-8.
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
        return builder.ToString();
    }

    /// <summary>
    /// Turns any text (a tool or property name) into a GBNF rule name: letters, digits and single
    /// dashes, never empty. Different inputs may collide; <see cref="GbnfRules"/> makes names unique.
    /// </summary>
    public static string RuleName(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var name = builder.ToString().Trim('-');
        if (name.Length > 48)
        {
            name = name[..48].TrimEnd('-');
        }

        return name.Length == 0 ? "x" : name;
    }
}
