using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ClinicalAgent.Workflows.Expressions;

/// <summary>
/// Text with <c>{{ expression }}</c> placeholders. A string that is exactly one placeholder keeps the value's type
/// (a number stays a number in a JSON template); otherwise the values are spliced in as text.
/// </summary>
public static partial class Template
{
    /// <summary>The expressions of every placeholder in <paramref name="text"/>, parsed (throws on a bad one).</summary>
    public static IEnumerable<Expression> Expressions(string text) =>
        Placeholder().Matches(text).Select(m => ExpressionParser.Parse(m.Groups[1].Value));

    /// <summary>Every placeholder expression in a JSON template's strings.</summary>
    public static IEnumerable<Expression> Expressions(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => Expressions(p.Value)),
        JsonArray array => array.SelectMany(Expressions),
        JsonValue value when value.TryGetValue<string>(out var s) => Expressions(s),
        _ => [],
    };

    /// <summary>Fills a text template.</summary>
    public static string Render(string text, VariableScope scope) =>
        Placeholder().Replace(text, m => Values.ToText(ExpressionParser.Parse(m.Groups[1].Value).Evaluate(scope)));

    /// <summary>Fills a JSON template: a copy with each string's placeholders evaluated.</summary>
    public static JsonNode? Render(JsonNode? node, VariableScope scope)
    {
        switch (node)
        {
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    copy[key] = Render(value, scope);
                }

                return copy;
            case JsonArray array:
                return new JsonArray([.. array.Select(item => Render(item, scope))]);
            case JsonValue value when value.TryGetValue<string>(out var text):
                var whole = Placeholder().Match(text);
                if (whole.Success && whole.Length == text.Length)
                {
                    return Values.ToJson(ExpressionParser.Parse(whole.Groups[1].Value).Evaluate(scope));
                }

                return JsonValue.Create(Render(text, scope));
            default:
                return node?.DeepClone();
        }
    }

    /// <summary>Evaluates one expression over <paramref name="scope"/>.</summary>
    public static object? Evaluate(string expression, VariableScope scope) => ExpressionParser.Parse(expression).Evaluate(scope);

    [GeneratedRegex(@"\{\{\s*(.+?)\s*\}\}", RegexOptions.Singleline)]
    private static partial Regex Placeholder();
}
