namespace ClinicalAgent.Mcp.Access;

/// <summary>Whose record a tool call reaches, as far as a <c>patient/</c> token's compartment is concerned.</summary>
internal enum ToolTarget
{
    /// <summary>The patient its <c>patient_id</c> argument names.</summary>
    PatientArgument,

    /// <summary>The patient whose resource its id arguments name (a document, an image).</summary>
    ResourceArguments,

    /// <summary>Any patient: a search across the record (<c>find_patients</c>, <c>fhir_search</c>).</summary>
    AcrossPatients,
}
