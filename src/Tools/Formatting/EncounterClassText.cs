namespace ClinicalAgent.Tools.Formatting;

/// <summary>
/// Words for an Encounter's class, which real exports write as a bare v3 ActCode (<c>AMB</c>, no display): the
/// displays of HL7's ActEncounterCode value set.
/// </summary>
internal static class EncounterClassText
{
    private static readonly Dictionary<string, string> Displays = new(StringComparer.OrdinalIgnoreCase)
    {
        ["AMB"] = "ambulatory",
        ["EMER"] = "emergency",
        ["FLD"] = "field",
        ["HH"] = "home health",
        ["IMP"] = "inpatient encounter",
        ["ACUTE"] = "inpatient acute",
        ["NONAC"] = "inpatient non-acute",
        ["OBSENC"] = "observation encounter",
        ["PRENC"] = "pre-admission",
        ["SS"] = "short stay",
        ["VR"] = "virtual",
    };

    /// <summary>The coding's display, else the ActCode's display, else the code as written.</summary>
    public static string? Of(Hl7.Fhir.Model.Coding? coding) =>
        coding is null ? null
        : !string.IsNullOrWhiteSpace(coding.Display) ? coding.Display
        : coding.Code is { } code && Displays.TryGetValue(code, out var display) ? display
        : coding.Code;
}
