using Hl7.Fhir.Model;

namespace ClinicalAgent.Tools.Writes;

/// <summary>
/// Marks a resource the agent writes: the <c>AIAST</c> label when a model produced it, and the person (or automation)
/// who let it reach the record in the element each type has for that (requester, performer, author, recorder, sender).
/// </summary>
internal static class WriteStamp
{
    public static void Apply(Resource resource, WriteAttribution attribution, ResourceReference approver)
    {
        if (attribution.Model is not null)
        {
            resource.Meta ??= new Meta();
            if (!resource.Meta.Security.Any(c => c.System == AiTransparency.ObservationValueSystem && c.Code == AiTransparency.AiAssertedCode))
            {
                resource.Meta.Security.Add(AiTransparency.AiAssertedLabel());
            }
        }

        // The identity the approval carried wins over anything a tool or template put there: it is the one that was checked.
        switch (resource)
        {
            case MedicationRequest request:
                request.Requester = approver;
                break;
            case ServiceRequest request:
                request.Requester = approver;
                break;
            case CommunicationRequest request:
                request.Requester = approver;
                break;
            case Hl7.Fhir.Model.Task task:
                task.Requester = approver;
                break;
            case Observation observation:
                observation.Performer = [approver];
                break;
            case DocumentReference document:
                document.Author = [approver];
                break;
            case Condition condition:
                condition.Recorder = approver;
                break;
            case AllergyIntolerance allergy:
                allergy.Recorder = approver;
                break;
            case Procedure procedure:
                procedure.Recorder = approver;
                break;
            case Communication communication:
                communication.Sender = approver;
                break;
            case Flag flag:
                flag.Author = approver;
                break;
            case DiagnosticReport report:
                // A drafted report's reading is the approver's once approved; the Provenance says the model wrote it.
                report.ResultsInterpreter = [approver];
                break;
        }
    }
}
