using System.Globalization;
using System.Text.Json.Nodes;

namespace ClinicalAgent.Workflows.Expressions;

/// <summary>
/// A call of a built-in function: exists, round, abs, min, max, days_since, coalesce, lower, choose(cond, a, b),
/// date(x) (its yyyy-MM-dd), date_add(x, days), base64(text), contains(text, part) (ignoring case).
/// </summary>
internal sealed record CallExpression(string Name, IReadOnlyList<Expression> Arguments) : Expression
{
    /// <summary>The functions and how many arguments each takes (min, max).</summary>
    public static readonly IReadOnlyDictionary<string, (int Min, int Max)> Functions = new Dictionary<string, (int, int)>(StringComparer.Ordinal)
    {
        ["exists"] = (1, 1),
        ["round"] = (1, 2),
        ["abs"] = (1, 1),
        ["min"] = (2, 2),
        ["max"] = (2, 2),
        ["days_since"] = (1, 1),
        ["coalesce"] = (2, 8),
        ["lower"] = (1, 1),
        ["choose"] = (3, 3),
        ["date"] = (1, 1),
        ["date_add"] = (2, 2),
        ["base64"] = (1, 1),
        ["contains"] = (2, 2),
    };

    public override object? Evaluate(VariableScope scope)
    {
        var args = Arguments.Select(a => a.Evaluate(scope)).ToList();
        return Name switch
        {
            "exists" => args[0] is not null and not JsonArray { Count: 0 },
            "round" => Math.Round(Values.ToNumber(args[0], Name), args.Count > 1 ? (int)Values.ToNumber(args[1], Name) : 0, MidpointRounding.AwayFromZero),
            "abs" => Math.Abs(Values.ToNumber(args[0], Name)),
            "min" => Math.Min(Values.ToNumber(args[0], Name), Values.ToNumber(args[1], Name)),
            "max" => Math.Max(Values.ToNumber(args[0], Name), Values.ToNumber(args[1], Name)),
            "days_since" => DaysSince(args[0], scope.Now),
            "coalesce" => args.FirstOrDefault(a => a is not null),
            "lower" => Values.ToText(args[0]).ToLowerInvariant(),
            "choose" => Values.IsTrue(args[0]) ? args[1] : args[2],
            "date" => ParseDate(args[0], Name).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "date_add" => ParseDate(args[0], Name).AddDays(Values.ToNumber(args[1], Name)).ToString("O", CultureInfo.InvariantCulture),
            "contains" => Values.ToText(args[0]).Contains(Values.ToText(args[1]), StringComparison.OrdinalIgnoreCase),
            "base64" => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Values.ToText(args[0]))),
            _ => throw new ExpressionException($"Unknown function '{Name}'."),
        };
    }

    public override IEnumerable<string> Variables() => Arguments.SelectMany(a => a.Variables());

    private static DateTimeOffset ParseDate(object? value, string function) =>
        value is string text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : throw new ExpressionException($"{function}() needs a date-time, not {Values.ToText(value)}.");

    // A missing date counts as infinitely long ago, so "no result on file" reads as stale.
    private static double DaysSince(object? value, DateTimeOffset now) =>
        value is string text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? (now - date).TotalDays
            : double.PositiveInfinity;
}
