namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>MedAgentBench category 10: the last HbA1c and whether a new one is due.</summary>
internal enum HbA1cBranch
{
    /// <summary>Last HbA1c less than a year before now: no order.</summary>
    Recent,

    /// <summary>Last HbA1c more than a year before now: order one.</summary>
    Stale,

    /// <summary>No HbA1c ever: order one.</summary>
    None,
}
