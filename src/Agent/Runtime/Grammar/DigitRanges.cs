using System.Globalization;
using System.Text;

namespace ClinicalAgent.Agent.Runtime.Grammar;

/// <summary>
/// GBNF for the decimal spellings (JSON: no leading zeros, no "-0") of every integer in a closed range, by
/// digit-range decomposition: 1–31 is <c>[1-9] | [12] [0-9] | "3" [01]</c>, ≥ 1 is <c>[1-9] [0-9]{0,15}</c>.
/// The rule grows with the number of digits, never with the width of the range.
/// </summary>
internal static class DigitRanges
{
    /// <summary>The largest magnitude a grammar integer may have: <c>json-uint</c>'s sixteen digits.</summary>
    public const long Largest = 9_999_999_999_999_999;

    /// <summary>Every integer from <paramref name="low"/> to <paramref name="high"/> (both within ±<see cref="Largest"/>, low ≤ high).</summary>
    public static string Integers(long low, long high)
    {
        var alternatives = new List<string>();
        if (low < 0)
        {
            alternatives.Add($"\"-\" {Group(Positive(-Math.Min(high, -1), -low))}");
        }

        if (low <= 0 && high >= 0)
        {
            alternatives.Add("\"0\"");
        }

        if (high > 0)
        {
            alternatives.Add(Positive(Math.Max(low, 1), high));
        }

        return alternatives.Count == 1 ? alternatives[0] : string.Join(" | ", alternatives.Select(Group));
    }

    /// <summary>1 ≤ from ≤ to: one alternative per digit count.</summary>
    private static string Positive(long from, long to)
    {
        var alternatives = new List<string>();
        for (var digits = Digits(from); digits <= Digits(to); digits++)
        {
            var smallest = digits == 1 ? 1 : Pow10(digits - 1);
            var largest = digits == 19 ? long.MaxValue : Pow10(digits) - 1;
            alternatives.Add(SameLength(Text(Math.Max(from, smallest)), Text(Math.Min(to, largest))));
        }

        return alternatives.Count == 1 ? alternatives[0] : string.Join(" | ", alternatives.Select(Group));
    }

    /// <summary>Every digit string from <paramref name="low"/> to <paramref name="high"/>, both of the same length.</summary>
    private static string SameLength(string low, string high)
    {
        if (low == high)
        {
            return $"\"{low}\"";
        }

        if (low.Length == 1)
        {
            return Class(low[0], high[0]);
        }

        var restLow = low[1..];
        var restHigh = high[1..];
        if (low[0] == high[0])
        {
            return $"\"{low[0]}\" {Group(SameLength(restLow, restHigh))}";
        }

        var lowIsZeros = restLow.All(c => c == '0');
        var highIsNines = restHigh.All(c => c == '9');
        var anyTail = $"[0-9]{{{restLow.Length.ToString(CultureInfo.InvariantCulture)}}}";
        var alternatives = new List<string>();
        var firstFull = lowIsZeros ? low[0] : (char)(low[0] + 1);
        var lastFull = highIsNines ? high[0] : (char)(high[0] - 1);
        if (!lowIsZeros)
        {
            alternatives.Add($"\"{low[0]}\" {Group(SameLength(restLow, new string('9', restLow.Length)))}");
        }

        if (firstFull <= lastFull)
        {
            alternatives.Add($"{Class(firstFull, lastFull)} {anyTail}");
        }

        if (!highIsNines)
        {
            alternatives.Add($"\"{high[0]}\" {Group(SameLength(new string('0', restHigh.Length), restHigh))}");
        }

        return string.Join(" | ", alternatives.Select(a => alternatives.Count == 1 ? a : Group(a)));
    }

    private static string Class(char from, char to) => from == to ? $"\"{from}\"" : $"[{from}-{to}]";

    private static string Group(string expression) =>
        expression.Contains(' ', StringComparison.Ordinal) ? $"( {expression} )" : expression;

    private static int Digits(long value) => Text(value).Length;

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static long Pow10(int exponent)
    {
        long result = 1;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }
}
