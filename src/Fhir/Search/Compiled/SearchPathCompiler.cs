using System.Text.RegularExpressions;

namespace ClinicalAgent.Fhir.Search.Compiled;

/// <summary>
/// Compiles the FHIRPath expressions of R4 search parameters into <see cref="CompiledSelector"/>s, once per
/// parameter. It accepts the forms nearly all definitions use — unions of paths from the resource type, member
/// access, <c>as</c>/<c>ofType</c>, <c>where(resolve() is T)</c> and <c>where(name='literal')</c> — and returns
/// null for anything else, which the store then evaluates with the FHIRPath interpreter.
/// </summary>
internal static partial class SearchPathCompiler
{
    /// <summary>The selector for <paramref name="expression"/> on <paramref name="resourceType"/>, or null when a form is not understood.</summary>
    public static CompiledSelector? TryCompile(string expression, string resourceType)
    {
        var branches = new List<IReadOnlyList<PathStep>>();
        foreach (var branch in SplitTopLevel(expression, '|'))
        {
            if (Branch(branch.Trim(), resourceType) is not { } steps)
                return null;
            branches.Add(steps);
        }

        return branches.Count == 0 ? null : new CompiledSelector(branches);
    }

    private static List<PathStep>? Branch(string branch, string resourceType)
    {
        string? castTo = null;
        var after = new List<string>();
        if (branch.StartsWith('(') && Closing(branch) is var close and > 0)
        {
            // "(Observation.value as Quantity)", "(Observation.value as CodeableConcept).text": the operator form of
            // as, only inside the parentheses, and member access after them.
            var rest = branch[(close + 1)..].Trim();
            if (rest.Length > 0 && !rest.StartsWith('.'))
                return null;
            if (rest.Length > 0)
                after = SplitTopLevel(rest[1..], '.');
            var inner = branch[1..close].Trim();
            var parts = inner.Split(" as ", StringSplitOptions.TrimEntries);
            if (parts.Length > 2 || (parts.Length == 2 && TypeName(parts[1]) is null))
                return null;
            branch = parts[0];
            castTo = parts.Length == 2 ? TypeName(parts[1]) : null;
        }

        var segments = SplitTopLevel(branch, '.');
        if (segments.Count < 2 || !(segments[0] == resourceType || segments[0] is "Resource" or "DomainResource"))
            return null;
        var steps = new List<PathStep>(segments.Count + after.Count + 1);
        foreach (var segment in segments.Skip(1))
        {
            if (Step(segment) is not { } step)
                return null;
            steps.Add(step);
        }

        if (castTo is not null)
            steps.Add(new PathStep(PathStepKind.OfType, castTo));
        foreach (var segment in after)
        {
            if (Step(segment) is not { } step)
                return null;
            steps.Add(step);
        }

        return steps;
    }

    private static PathStep? Step(string segment)
    {
        if (Identifier().IsMatch(segment))
            return new PathStep(PathStepKind.Member, segment);
        if (TypeFunction().Match(segment) is { Success: true } cast && TypeName(cast.Groups[1].Value) is { } type)
            return new PathStep(PathStepKind.OfType, type);
        if (ResolveFilter().Match(segment) is { Success: true } resolve)
            return new PathStep(PathStepKind.ResolvesTo, resolve.Groups[1].Value);
        if (EqualsFilter().Match(segment) is { Success: true } equals)
            return new PathStep(PathStepKind.WhereEquals, equals.Groups[1].Value, equals.Groups[2].Value);
        return null;
    }

    /// <summary>A FHIR type name (<c>FHIR.</c> prefix allowed); System types and anything else are not compiled.</summary>
    private static string? TypeName(string text)
    {
        var name = text.StartsWith("FHIR.", StringComparison.Ordinal) ? text[5..] : text;
        return Identifier().IsMatch(name) ? name : null;
    }

    /// <summary>Where the opening parenthesis at 0 closes, or -1 when it does not.</summary>
    private static int Closing(string text)
    {
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (depth == 0)
                return i;
        }

        return -1;
    }

    private static List<string> SplitTopLevel(string text, char separator)
    {
        var parts = new List<string>();
        var depth = 0;
        var quoted = false;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\'')
                quoted = !quoted;
            else if (!quoted && c == '(')
                depth++;
            else if (!quoted && c == ')')
                depth--;
            else if (!quoted && depth == 0 && c == separator)
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
        }

        parts.Add(text[start..]);
        return parts;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"^(?:as|ofType)\(([A-Za-z][A-Za-z0-9_.]*)\)$")]
    private static partial Regex TypeFunction();

    [GeneratedRegex(@"^where\(resolve\(\) is ([A-Z][A-Za-z0-9]*)\)$")]
    private static partial Regex ResolveFilter();

    [GeneratedRegex(@"^where\(([a-z][A-Za-z0-9]*) ?= ?'([^'\\]*)'\)$")]
    private static partial Regex EqualsFilter();
}
