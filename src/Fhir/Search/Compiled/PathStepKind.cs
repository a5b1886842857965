namespace ClinicalAgent.Fhir.Search.Compiled;

/// <summary>The kinds of <see cref="PathStep"/> the compiled extraction understands.</summary>
internal enum PathStepKind
{
    /// <summary>The child element of that name (lists flattened), as FHIRPath's member access.</summary>
    Member,

    /// <summary>Only the values of that FHIR type, as FHIRPath's <c>as</c> and <c>ofType</c>.</summary>
    OfType,

    /// <summary>Only references whose target resolves to that resource type.</summary>
    ResolvesTo,

    /// <summary>Only the values whose named child equals a string literal.</summary>
    WhereEquals,
}
