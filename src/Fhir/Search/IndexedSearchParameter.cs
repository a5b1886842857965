using Hl7.Fhir.Model;
using Hl7.FhirPath;

namespace ClinicalAgent.Fhir.Search;

/// <summary>
/// A standard R4 search parameter as the embedded store indexes it for one resource type: its FHIRPath
/// expression cut down to that type's branches and compiled once.
/// </summary>
/// <param name="ResourceType">The resource type the parameter is searched on.</param>
/// <param name="Name">The parameter's code, e.g. <c>patient</c> or <c>_tag</c>.</param>
/// <param name="Type">Token, string, date, reference, quantity, number or uri.</param>
/// <param name="Expression">The FHIRPath expression for <paramref name="ResourceType"/> only.</param>
/// <param name="Targets">For references: the resource types it may point to.</param>
/// <param name="Url">The canonical URL of the definition, for the CapabilityStatement.</param>
public sealed record IndexedSearchParameter(
    string ResourceType,
    string Name,
    SearchParamType Type,
    string Expression,
    IReadOnlyList<string> Targets,
    string? Url)
{
    /// <summary>The compiled expression, evaluated against a resource's PocoNode; compiled on first use.</summary>
    internal CompiledExpression Compiled => CompiledLazily.Value;

    // Compiling all 1,600 definitions takes seconds; a command touches a handful of types.
    internal Lazy<CompiledExpression> CompiledLazily { get; init; } = null!;

    /// <summary>
    /// The expression as direct element access, or null when it uses a form only the interpreter evaluates; made
    /// on first use. Indexing prefers it: interpreting FHIRPath for every parameter was most of a write's cost.
    /// </summary>
    internal Compiled.CompiledSelector? Selector => SelectorLazily.Value;

    internal Lazy<Compiled.CompiledSelector?> SelectorLazily { get; init; } = new(() => null);
}
