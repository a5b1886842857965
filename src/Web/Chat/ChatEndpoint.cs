using System.Text.RegularExpressions;
using ClinicalAgent.Agent.Loop;
using ClinicalAgent.Agent.Runtime.Local;
using ClinicalAgent.Fhir.Serialization;
using ClinicalAgent.Tools;
using ClinicalAgent.Web.Logging;
using ClinicalAgent.Web.Pages;
using ClinicalAgent.Web.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.Web.Chat;

/// <summary>
/// <c>POST /app/api/chat</c>: one turn of the session's conversation about a patient, streamed as Server-Sent Events:
/// <c>step</c> for each model or tool step as it finishes, <c>token</c> for each piece of the answer, then <c>done</c>
/// with the answer, its citations (links to the app's resource pages), the images it cites, and the writes it proposed;
/// or <c>error</c>.
/// </summary>
internal static partial class ChatEndpoint
{
    private const int MaxQuestion = 4000;

    public static async Task<IResult> HandleAsync(HttpContext context, ChatRequest? request, CancellationToken cancellationToken)
    {
        if (SessionGate.Current(context) is not { } session)
            return SessionGate.Unauthorized();
        if (request is not { PatientId: { Length: > 0 } patientId, Question: { } question } || string.IsNullOrWhiteSpace(question))
            return Results.Json(new { error = "patientId and question are required." }, statusCode: StatusCodes.Status400BadRequest);
        if (question.Length > MaxQuestion)
            return Results.Json(new { error = $"The question is longer than {MaxQuestion} characters." }, statusCode: StatusCodes.Status400BadRequest);

        var services = context.RequestServices;
        var toolbox = Records.SessionRecords.Toolbox(context, session);
        var agentTools = Records.SessionRecords.AgentTools(context, session);
        var conversation = session.Conversation(patientId, () =>
        {
            var options = services.GetRequiredService<IOptions<AgentRunOptions>>().Value;
            return services.GetRequiredService<ClinicalAgentRunner>().StartConversation(agentTools, new AgentRunOptions
            {
                MaxSteps = options.MaxSteps, SystemPrompt = options.SystemPrompt, RequireToolFirst = options.RequireToolFirst,
                ChatOptions = options.ChatOptions?.Clone(), PatientId = patientId,
            });
        });
        var logger = services.GetRequiredService<ILogger<SseStream>>();
        var stream = new SseStream();
        var before = toolbox.Approvals.Pending.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var turn = Task.Run(async () =>
        {
            try
            {
                using var actor = Fhir.Audit.AuditActorScope.Begin(session.Person.AuditActor);
                var observer = new AgentTurnObserver
                {
                    AnswerText = piece => stream.Send("token", new { text = piece }),
                    StepCompleted = step => stream.Send("step", new { kind = step.Kind.ToString(), tool = step.ToolName, error = step.Error, ms = Math.Round(step.ElapsedMs) }),
                };
                var answer = await conversation.AskAsync(question.Trim(), observer, cancellationToken).ConfigureAwait(false);
                if (session.Remote is { SignInAgain: true } remote)
                {
                    // The EHR refused the token mid-turn: the answer rests on failed reads, so it is not shown.
                    services.GetRequiredService<WebSessions>().End(session.Id);
                    stream.Send("error", new { message = RemoteSignInPage.Message(remote.FhirBase), signIn = RemoteSignInPage.Relaunch(remote.FhirBase) });
                    return;
                }

                var writes = toolbox.Approvals.Pending.Where(p => !before.Contains(p.Id) && p.Write.PatientId == patientId).ToList();
                foreach (var write in writes)
                    session.Proposed(write.Id);
                WebLog.ChatTurn(logger, patientId, answer.StoppedReason.ToString(), answer.Trace.Count);
                stream.Send("done", new
                {
                    text = answer.Text,
                    stopped = answer.StoppedReason.ToString(),
                    citations = answer.Citations.Select(c => new { id = c, href = Html.ResourceHref(c) }),
                    images = ImageIds().Matches(answer.Text).Select(m => m.Value).Distinct(StringComparer.Ordinal)
                        .Where(id => answer.Citations.Contains(id.Split('#')[0], StringComparer.Ordinal))
                        .Select(id => new { id, href = Html.ImageHref(id) }),
                    writes = writes.Select(w => new ProposedWriteView(w.Id, w.Write.Tool, w.Write.ResourceType, w.Write.Summary, w.Write.PatientId,
                        FhirJson.Serialize(FhirJson.Parse(w.Write.ResourceJson, "proposed write"), pretty: true), w.ProposedAt)),
                });
            }
            catch (ConversationBusyException)
            {
                stream.Send("error", new { message = "A question about this patient is still being answered; wait for it to finish." });
            }
            catch (GrammarDeadEndException)
            {
                WebLog.ChatFailed(logger, patientId, nameof(GrammarDeadEndException));
                stream.Send("error", new { message = "The model's reply could not go on in the required format. Try again or rephrase the question." });
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The model server down, a prompt past the context: this turn is lost, the conversation goes on.
                WebLog.ChatFailed(logger, patientId, ex.GetType().Name);
                stream.Send("error", new { message = "The question could not be answered (the model did not respond). Try again." });
            }
            finally
            {
                stream.Complete();
            }
        }, CancellationToken.None);

        try
        {
            await stream.PumpAsync(context.Response, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The browser went away; the turn sees the same token and stops.
        }

        await turn;
        return Results.Empty;
    }

    [GeneratedRegex(@"\b(ImagingStudy/[A-Za-z0-9\-.]{1,64}#[1-9][0-9]{0,5}\.[1-9][0-9]{0,5}|Media/[A-Za-z0-9\-.]{1,64})")]
    private static partial Regex ImageIds();
}
