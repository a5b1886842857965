namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>MedAgentBench categories 4 and 5: the latest magnesium within 24 hours and the IV dose it calls for.</summary>
internal enum MagnesiumBranch
{
    /// <summary>Latest Mg within 24 h below 1.0 mg/dL: 4 g over 4 h.</summary>
    RecentBelow1,

    /// <summary>Latest Mg within 24 h in 1.0–1.49 mg/dL: 2 g over 2 h.</summary>
    Recent1To1_5,

    /// <summary>Latest Mg within 24 h in 1.5–1.9 mg/dL: 1 g over 1 h.</summary>
    Recent1_5To1_9,

    /// <summary>Latest Mg within 24 h above 1.9 mg/dL: no replacement.</summary>
    RecentAbove1_9,

    /// <summary>Magnesium measured before, but none within the last 24 hours.</summary>
    OlderOnly,

    /// <summary>No magnesium ever measured.</summary>
    None,
}
