namespace ClinicalAgent.Security.Smart;

/// <summary>Whose data a SMART scope reaches: the patient in context, whatever the user may see, or the whole system.</summary>
public enum SmartContext
{
    Patient,
    User,
    System,
}
