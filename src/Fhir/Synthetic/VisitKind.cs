namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>The kinds of encounter a record holds.</summary>
internal enum VisitKind
{
    /// <summary>Yearly ambulatory check-up, always with labs.</summary>
    CheckUp,

    /// <summary>Ambulatory follow-up between check-ups.</summary>
    FollowUp,

    /// <summary>Emergency department visit, discharged home the same day.</summary>
    Emergency,

    /// <summary>Hospital stay, admitted through the emergency department; in progress when it has no end.</summary>
    Inpatient,
}
