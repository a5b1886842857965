namespace ClinicalAgent.Fhir.Import;

/// <summary>What an import does with a reference that resolves to nothing.</summary>
public enum ReferenceMode
{
    /// <summary>The file fails, naming the reference (a dangling reference is an error, as on the REST API).</summary>
    Strict,

    /// <summary>
    /// The reference is kept as written, as a logical reference (<c>Reference.type</c> and <c>Reference.identifier</c>,
    /// the text in <c>display</c> where it names no identifier), since a stored resource cannot hold a conditional
    /// reference; each is counted.
    /// </summary>
    Lenient,
}
