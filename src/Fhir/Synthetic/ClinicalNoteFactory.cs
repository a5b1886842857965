using System.Text;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>Wraps a note's text in a DocumentReference: LOINC note type, author, encounter, base64 plain-text attachment.</summary>
internal static class ClinicalNoteFactory
{
    public static DocumentReference Create(string id, NoteFacts facts)
    {
        var (code, display) = facts.Visit.Ambulatory || !facts.Admission && facts.Visit.Kind == VisitKind.Inpatient
            ? ("11506-3", "Progress note")
            : ("34117-2", "History and physical note");
        var time = ClinicTime.Text(facts.Time);
        return new DocumentReference
        {
            Id = id,
            Status = DocumentReferenceStatus.Current,
            DocStatus = CompositionStatus.Final,
            Type = Codes.Concept(Codes.Loinc, code, display),
            Category = [Codes.Concept(Codes.DocumentCategory, "clinical-note", "Clinical Note")],
            Subject = Codes.Ref("Patient", facts.Patient.Mrn),
            Date = facts.Time,
            Author = [Codes.Ref("Practitioner", facts.Visit.PractitionerId)],
            Content =
            [
                new DocumentReference.ContentComponent
                {
                    Attachment = new Attachment
                    {
                        ContentType = "text/plain; charset=utf-8",
                        Language = "en-US",
                        Data = Encoding.UTF8.GetBytes(ClinicalNoteText.Write(facts)),
                        Title = display,
                        Creation = time,
                    },
                },
            ],
            Context = new DocumentReference.ContextComponent
            {
                Encounter = [Codes.Ref("Encounter", facts.Visit.Id)],
                Period = new Period { Start = ClinicTime.Text(facts.Visit.Start), End = facts.Visit.End is { } end ? ClinicTime.Text(end) : null },
            },
        };
    }
}
