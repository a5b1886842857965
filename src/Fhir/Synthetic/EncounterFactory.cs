using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>Builds an Encounter from a planned visit: v3 ActCode class, SNOMED type, clinic and attending practitioner.</summary>
internal static class EncounterFactory
{
    public static Encounter Create(string mrn, Visit visit)
    {
        var (classCode, classDisplay, typeCode, typeDisplay) = visit.Kind switch
        {
            VisitKind.CheckUp => ("AMB", "ambulatory", "185349003", "Encounter for check up"),
            VisitKind.FollowUp => ("AMB", "ambulatory", "390906007", "Follow-up encounter"),
            VisitKind.Emergency => ("EMER", "emergency", "50849002", "Emergency room admission"),
            _ => ("IMP", "inpatient encounter", "32485007", "Hospital admission"),
        };

        return new Encounter
        {
            Id = visit.Id,
            Status = visit.InProgress ? Encounter.EncounterStatus.InProgress : Encounter.EncounterStatus.Finished,
            Class = new Coding(Codes.ActCode, classCode, classDisplay),
            Type = [Codes.Concept(Codes.Snomed, typeCode, typeDisplay)],
            Subject = Codes.Ref("Patient", mrn),
            Participant =
            [
                new Encounter.ParticipantComponent
                {
                    Type = [Codes.Concept(Codes.ParticipationType, visit.Ambulatory ? "PPRF" : "ATND", visit.Ambulatory ? "primary performer" : "attender")],
                    Individual = Codes.Ref("Practitioner", visit.PractitionerId),
                },
            ],
            Period = new Period
            {
                Start = ClinicTime.Text(visit.Start),
                End = visit.End is { } end ? ClinicTime.Text(end) : null,
            },
            ServiceProvider = Codes.Ref("Organization", SharedResources.OrganizationId),
        };
    }
}
