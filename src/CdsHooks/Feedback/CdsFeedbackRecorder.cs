using System.Text.Json.Nodes;
using ClinicalAgent.CdsHooks.Cards;
using ClinicalAgent.CdsHooks.Discovery;
using ClinicalAgent.CdsHooks.Invocation;
using ClinicalAgent.CdsHooks.Trust;
using ClinicalAgent.Fhir.Audit;
using ClinicalAgent.Workflows.Engine;
using Microsoft.Extensions.Logging;

namespace ClinicalAgent.CdsHooks.Feedback;

/// <summary>
/// Records the EHR's feedback (an AuditEvent per card, ids and outcome only) and puts each accepted suggestion's
/// resources on the normal approval path: an instance of <see cref="CdsHooksOptions.SuggestionWorkflow"/> per resource,
/// run until it waits for a clinician's approval in the workflow inbox; the write (with its Provenance) happens only
/// after that. A repeated feedback starts nothing new (the start is keyed by card, suggestion and resource).
/// </summary>
internal sealed class CdsFeedbackRecorder(CdsHooksOptions options, IssuedCards issued, WorkflowEngine engine, IAuditSink audit, ILogger<CdsFeedbackRecorder> logger)
{
    public async Task<CdsAnswer> RecordAsync(CdsService service, CdsFeedbackRequest request, CdsCaller caller, CancellationToken cancellationToken)
    {
        using var activity = CdsTelemetry.Start(service.Id, "feedback");
        activity?.SetTag("cds_hooks.hook", service.Hook.Hook);
        if (request.Feedback is not { Count: > 0 } items || items.Any(i => string.IsNullOrWhiteSpace(i.Card) || i.Outcome is not ("accepted" or "overridden")))
        {
            activity?.SetTag("cds_hooks.outcome", "invalid-request");
            return CdsAnswer.Error(400, "feedback must be a list of {card, outcome: accepted|overridden}.");
        }

        var results = new JsonArray();
        foreach (var item in items)
        {
            var card = issued.Find(service.Id, item.Card!);
            var approvals = new JsonArray();
            if (card is not null && item.Outcome == "accepted")
            {
                foreach (var accepted in item.AcceptedSuggestions ?? [])
                {
                    if (accepted.Id is { } id && card.Suggestions.TryGetValue(id, out var suggestion))
                    {
                        foreach (var instance in await StartApprovalsAsync(service, item.Card!, id, suggestion, card.PatientId, cancellationToken).ConfigureAwait(false))
                        {
                            approvals.Add(instance);
                        }
                    }
                }
            }

            CdsLog.Feedback(logger, service.Id, item.Card!, card is null ? "unknown card" : item.Outcome!, approvals.Count);
            await audit.RecordAsync(new AuditRecord(AuditKind.WorkflowStart, "cds-feedback", AuditAction.Execute,
                card is null ? AuditOutcome.MinorFailure : AuditOutcome.Success)
            {
                Actor = caller.Subject is { } subject ? new AuditActor(null, AuditCodes.SubjectIdentifierSystem, subject, IsPerson: false) : null,
                ClientId = caller.Issuer,
                PatientId = card?.PatientId,
                WorkflowInstance = (service.Workflow.Name, item.Card!),
                OutcomeDetail = card is null ? "unknown-card" : item.Outcome,
            }, CancellationToken.None).ConfigureAwait(false);
            results.Add(new JsonObject
            {
                ["card"] = item.Card,
                ["outcome"] = card is null ? "unknown-card" : item.Outcome,
                ["pendingApprovals"] = approvals,
            });
        }

        activity?.SetTag("cds_hooks.outcome", "recorded");
        return new CdsAnswer(200, new JsonObject { ["feedback"] = results });
    }

    private async Task<List<string>> StartApprovalsAsync(CdsService service, string cardId, string suggestionId, IssuedSuggestion suggestion, string? patientId,
        CancellationToken cancellationToken)
    {
        var started = new List<string>();
        for (var i = 0; i < suggestion.Resources.Count; i++)
        {
            var resource = suggestion.Resources[i];
            var trigger = new JsonObject
            {
                ["kind"] = "cds_feedback",
                ["service"] = service.Id,
                ["card"] = cardId,
                ["suggestion"] = suggestionId,
                ["label"] = suggestion.Label,
                ["resourceType"] = resource["resourceType"]?.DeepClone(),
                ["resource"] = resource.DeepClone(),
            };
            try
            {
                var (instance, _) = await engine.StartAsync(options.SuggestionWorkflow, new StartRequest(patientId, null, trigger, $"cds:{cardId}:{suggestionId}:{i}"),
                    null, cancellationToken).ConfigureAwait(false);
                // Runs to the approval step, where it waits for a person; nothing is written before that.
                await engine.RunAsync(instance.Id, cancellationToken).ConfigureAwait(false);
                started.Add(instance.Id);
            }
            catch (InvalidOperationException ex) when (ex.Message.StartsWith("No workflow named", StringComparison.Ordinal))
            {
                throw new CdsServiceException(503, $"The workflows folder has no '{options.SuggestionWorkflow}' workflow (CdsHooks:SuggestionWorkflow), so an accepted suggestion cannot wait for approval.", ex);
            }
        }

        return started;
    }
}
