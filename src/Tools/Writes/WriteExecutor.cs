using ClinicalAgent.Fhir.Serialization;
using ClinicalAgent.Tools.Records;
using ClinicalAgent.Tools.Time;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Tools.Writes;

/// <summary>
/// The path every write takes: the patient must exist, the resource is built at the clinical "now", tagged with its
/// idempotency key, checked by a FHIR round trip, put to the approval policy, and only then conditionally created
/// together with its Provenance (<see cref="AttributedWrite"/>).
/// </summary>
public sealed class WriteExecutor(ClinicalRecords records, ClinicalClock clock, IApprovalPolicy policy, IAiSystemSource model, TimeProvider time)
{
    /// <summary>Proposes (and, when approved, makes) one write.</summary>
    /// <param name="tool">The tool's snake_case name.</param>
    /// <param name="patientId">The patient id as the model wrote it.</param>
    /// <param name="requestedKey">The caller's idempotency key, or null for one derived from the arguments.</param>
    /// <param name="arguments">The normalized arguments the default key is derived from.</param>
    /// <param name="build">Builds the resource for the resolved patient id at the clinical now.</param>
    /// <param name="summary">One human line for the resolved patient id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    internal async Task<WriteToolResult> ProposeAsync(string tool, string patientId, string? requestedKey, string?[] arguments,
        Func<string, DateTimeOffset, Resource> build, Func<string, string> summary, CancellationToken cancellationToken)
    {
        var patient = await records.GetPatientAsync(patientId, cancellationToken).ConfigureAwait(false);
        var id = patient.Id ?? ClinicalRecords.PatientIdOf(patientId);
        var now = await clock.GetNowAsync(cancellationToken).ConfigureAwait(false);
        var key = Idempotency.Choose(requestedKey, Idempotency.KeyFor(tool, [id, .. arguments]));

        var resource = build(id, now);
        resource.Meta = null;
        if (resource is IIdentifiable<List<Identifier>> identified)
        {
            identified.Identifier.Add(new Identifier(Idempotency.System, key));
        }

        // A round trip through the shared parser catches anything the store would refuse before a person sees it.
        var json = FhirJson.Serialize(resource);
        resource = FhirJson.Parse(json, tool);

        var system = await model.DescribeAsync(cancellationToken).ConfigureAwait(false);
        var write = new ProposedWrite(tool, resource.TypeName, json, key, id, summary(id), system, ToolCallContext.ReturnedIds);
        var decision = await policy.DecideAsync(write, cancellationToken).ConfigureAwait(false);
        if (decision.Approved)
        {
            // Allow is automation; any other policy that approves at once names who did.
            var approver = decision.ApprovedBy is { } by && by != AllowAllPolicy.Approver ? WriteApprover.Person(by) : WriteApprover.Automation;
            var result = await AttributedWrite.WriteAsync(records.Gateway, resource, key, write.Attribute(approver, time.GetUtcNow()), id, cancellationToken)
                .ConfigureAwait(false);
            return new WriteToolResult("written", Id: $"{result.Resource.TypeName}/{result.Resource.Id}",
                Existing: result.Outcome == Fhir.FhirWriteOutcome.Existing);
        }

        var proposed = new WriteSummary(write.ResourceType, write.PatientId, write.Summary, key);
        if (decision.Recorded)
        {
            return new WriteToolResult("accepted", Reason: decision.Reason, Proposed: proposed);
        }

        return decision.PendingId is { } pendingId
            ? new WriteToolResult("pending_approval", PendingId: pendingId, Reason: decision.Reason, Proposed: proposed)
            : new WriteToolResult("denied", Reason: decision.Reason, Proposed: proposed);
    }
}
