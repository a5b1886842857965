using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Search.Compiled;

/// <summary>
/// A search parameter's FHIRPath expression turned into direct element access on the POCO: the union of its
/// branches, each a chain of <see cref="PathStep"/>s. Selects the same elements the FHIRPath interpreter selects
/// for the expression forms <see cref="SearchPathCompiler"/> accepts, at a fraction of the cost. Thread-safe.
/// </summary>
internal sealed class CompiledSelector(IReadOnlyList<IReadOnlyList<PathStep>> branches)
{
    /// <summary>The branches of the union, in expression order.</summary>
    public IReadOnlyList<IReadOnlyList<PathStep>> Branches { get; } = branches;

    /// <summary>The elements the expression selects from <paramref name="resource"/>.</summary>
    public List<Base> Select(Base resource)
    {
        var selected = new List<Base>();
        foreach (var branch in Branches)
        {
            List<Base> current = [resource];
            foreach (var step in branch)
            {
                current = Apply(step, current);
                if (current.Count == 0)
                    break;
            }

            selected.AddRange(current);
        }

        return selected;
    }

    private static List<Base> Apply(PathStep step, List<Base> input)
    {
        var output = new List<Base>(input.Count);
        foreach (var value in input)
        {
            switch (step.Kind)
            {
                case PathStepKind.Member:
                    AddChildren(output, value, step.Name);
                    break;
                case PathStepKind.OfType when IsOfType(value, step.Name):
                    output.Add(value);
                    break;
                case PathStepKind.ResolvesTo when ResolvesTo(value, step.Name):
                    output.Add(value);
                    break;
                case PathStepKind.WhereEquals when ChildEquals(value, step.Name, step.Literal!):
                    output.Add(value);
                    break;
            }
        }

        return output;
    }

    // FHIRPath's as and ofType keep subtypes too: an Age is a Quantity.
    private static bool IsOfType(Base value, string type) =>
        value.TypeName == type || (ModelInfo.GetTypeForFhirType(type) is { } clr && clr.IsInstanceOfType(value));

    private static void AddChildren(List<Base> output, Base parent, string name)
    {
        if (!parent.TryGetValue(name, out var child))
            return;
        switch (child)
        {
            case Base one:
                output.Add(one);
                break;
            case IEnumerable<Base> many:
                output.AddRange(many);
                break;
        }
    }

    // resolve() goes through the store's element resolver, which resolves a local Type/id reference (and nothing
    // else) to an empty resource of that type: the same rule decides here.
    private static bool ResolvesTo(Base value, string type) => value switch
    {
        ResourceReference { Reference: { } reference } => ResolvedType(reference) == type,
        FhirUri { Value: { } uri } => ResolvedType(uri) == type,
        FhirString { Value: { } text } => ResolvedType(text) == type,
        _ => false,
    };

    private static string? ResolvedType(string reference) =>
        ReferenceText.TryParseLocal(reference, out var type, out _) && ModelInfo.GetTypeForFhirType(type) is not null ? type : null;

    private static bool ChildEquals(Base value, string name, string literal)
    {
        var children = new List<Base>();
        AddChildren(children, value, name);
        // FHIRPath's = on a one-item collection against a string; more than one item or none is not equal.
        return children.Count == 1 && children[0] is PrimitiveType primitive && primitive.ToString() == literal;
    }
}
