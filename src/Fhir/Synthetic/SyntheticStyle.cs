namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>How the generated records are shaped.</summary>
public enum SyntheticStyle
{
    /// <summary>Tidy records: one LOINC code per lab, medications as codes, components in a fixed order.</summary>
    Standard,

    /// <summary>
    /// The variety of real exports (Synthea's among them): blood-pressure components diastolic first, labs under
    /// several LOINC codes (6298-4 beside 2823-3), Medication resources referenced or contained, bare v3 ActCode
    /// encounter classes, deceased patients, survey panels of coded answers.
    /// </summary>
    Synthea,

    /// <summary>
    /// The standard records plus what MedAgentBench's official graders read: the benchmark's lab codes <c>K</c>,
    /// <c>MG</c>, <c>GLU</c>, <c>A1C</c> beside the LOINC coding (patients already carry their MRN as identifier and id).
    /// </summary>
    MedAgentBench,
}
