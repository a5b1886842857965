namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>MedAgentBench categories 6 and 7: capillary blood glucose (LOINC 2339-0) in the last 24 hours.</summary>
internal enum GlucoseBranch
{
    /// <summary>Several fingersticks (at least three) in the last 24 hours, from a current admission.</summary>
    SeveralRecent,

    /// <summary>Fingersticks in the past, none in the last 24 hours.</summary>
    OlderOnly,

    /// <summary>No capillary glucose ever.</summary>
    None,
}
