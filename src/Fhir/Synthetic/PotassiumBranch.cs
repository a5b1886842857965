namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>MedAgentBench category 9: the latest potassium decides whether to replace it.</summary>
internal enum PotassiumBranch
{
    /// <summary>Latest K below 3.5 mmol/L (2.5–3.4): replacement and a recheck are due.</summary>
    LatestLow,

    /// <summary>Latest K 3.5 or above: nothing to do.</summary>
    LatestNormal,

    /// <summary>No potassium ever measured (so no BMP either).</summary>
    None,
}
