namespace ClinicalAgent.Security.Smart;

/// <summary>
/// What a caller's scopes allow for one interaction on one resource type: not at all, only inside the patient
/// compartment of the token's patient (a <c>patient/</c> scope), or anywhere (<c>user/</c> or <c>system/</c>).
/// </summary>
public enum ScopeDecision
{
    Denied,
    PatientCompartmentOnly,
    Allowed,
}
