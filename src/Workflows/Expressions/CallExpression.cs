using System.Globalization;
using System.Text.Json.Nodes;

namespace ClinicalAgent.Workflows.Expressions;

/// <summary>A call of one of the built-in functions: exists, round, abs, min, max, days_since, coalesce, lower.</summary>
public sealed record CallExpression(string Name, IReadOnlyList<Expression> Arguments) : Expression
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
            _ => throw new ExpressionException($"Unknown function '{Name}'."),
        };
    }

    public override IEnumerable<string> Variables() => Arguments.SelectMany(a => a.Variables());

    // A missing date counts as infinitely long ago, so "no result on file" reads as stale.
    private static double DaysSince(object? value, DateTimeOffset now) =>
        value is string text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? (now - date).TotalDays
            : double.PositiveInfinity;
}
