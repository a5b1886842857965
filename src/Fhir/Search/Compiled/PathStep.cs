using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Search.Compiled;

/// <summary>
/// One step of a compiled search path: a child element, a type filter (<c>as</c>/<c>ofType</c>), a reference
/// kept when it resolves to a type (<c>where(resolve() is T)</c>), or a child compared with a string literal
/// (<c>where(system='phone')</c>).
/// </summary>
/// <param name="Kind">What the step does.</param>
/// <param name="Name">The element name, or the FHIR type name for type and resolve filters.</param>
/// <param name="Literal">For <see cref="PathStepKind.WhereEquals"/>: the string the child must equal.</param>
internal sealed record PathStep(PathStepKind Kind, string Name, string? Literal = null)
{
    /// <summary>For <see cref="PathStepKind.OfType"/>: the POCO class of the type, looked up once, not per value.</summary>
    public Type? ClrType { get; } = Kind == PathStepKind.OfType ? ModelInfo.GetTypeForFhirType(Name) : null;
}
