using System.Globalization;
using System.Text;
using ClinicalAgent.Web.Pages;
using ClinicalAgent.Web.Sessions;
using ClinicalAgent.Workflows.Hosting;
using ClinicalAgent.Workflows.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Web.Inbox;

/// <summary>
/// <c>/app/inbox</c>: the workflow instances waiting for approval, each with what it asks and its journal; approve or
/// reject as the signed-in person through the workflow engine (the same decision as <c>workflow approve</c>), after
/// which the dispatcher runs the instance on.
/// </summary>
internal static class InboxEndpoints
{
    public static void Map(RouteGroupBuilder app)
    {
        app.MapGet("/inbox", RenderAsync);
        app.MapPost("/inbox/{id}/approve", (HttpContext context, string id, CancellationToken ct) =>
            DecideAsync(context, id, (engine, by) => engine.ApproveAsync(id, by, ct)));
        app.MapPost("/inbox/{id}/reject", async (HttpContext context, string id, CancellationToken ct) =>
        {
            var form = await context.Request.ReadFormAsync(ct);
            var reason = form["reason"].ToString() is { Length: > 0 } given ? given : "rejected in the web app";
            return await DecideAsync(context, id, (engine, by) => engine.RejectAsync(id, by, reason, ct));
        });
    }

    private static async Task<IResult> RenderAsync(HttpContext context, string? decided, CancellationToken cancellationToken)
    {
        if (SessionGate.Current(context) is not { } session)
            return SessionGate.SignInFirst(context);
        var host = context.RequestServices.GetRequiredService<WorkflowHost>();
        var store = host.Engine.Store;
        var waiting = await store.ListAsync(InstanceStatus.WaitingApproval, 100, cancellationToken);
        var html = new StringBuilder("<h1>Workflow inbox</h1>");
        if (decided is { Length: > 0 })
            html.Append("<p role=\"status\" data-testid=\"decided\">").Append(Html.E(decided)).Append("</p>");
        if (waiting.Count == 0)
            html.Append("<p data-testid=\"inbox-empty\">Nothing is waiting for approval.</p>");
        foreach (var instance in waiting)
        {
            var approval = instance.CurrentStep is { } step ? await store.GetApprovalAsync(instance.Id, step, cancellationToken) : null;
            var journal = await store.JournalAsync(instance.Id, cancellationToken);
            var heading = $"inst-{instance.Id}";
            html.Append("<article class=\"instance\" aria-labelledby=\"").Append(Html.E(heading)).Append("\" data-testid=\"instance\">")
                .Append("<h2 id=\"").Append(Html.E(heading)).Append("\">").Append(Html.E(instance.Workflow)).Append(" <small>").Append(Html.E(instance.Id)).Append("</small></h2>")
                .Append("<p>Patient ").Append(instance.PatientId is { } patient ? $"<a href=\"/app/patients/{Html.U(patient)}\">{Html.E(patient)}</a>" : "none")
                .Append(", waiting at step ").Append(Html.E(instance.CurrentStep)).Append(" since ").Append(Html.E(Time(approval?.Requested ?? instance.Updated))).Append("</p>");
            if (approval?.Message is { Length: > 0 } message)
                html.Append("<blockquote data-testid=\"approval-message\">").Append(Html.E(message)).Append("</blockquote>");
            html.Append("<details><summary>Journal (").Append(journal.Count.ToString(CultureInfo.InvariantCulture)).Append(" entries)</summary><ol class=\"journal\">");
            foreach (var entry in journal)
                html.Append("<li><time datetime=\"").Append(Html.E(Time(entry.At))).Append("\">").Append(Html.E(Time(entry.At))).Append("</time> ")
                    .Append(Html.E(entry.Kind)).Append(entry.StepId is { } s ? $" {Html.E(s)}" : "").Append(entry.Detail is { } d ? $" <code>{Html.E(d.ToJsonString())}</code>" : "").Append("</li>");
            html.Append("</ol></details>")
                .Append("<div class=\"decide\"><form method=\"post\" action=\"/app/inbox/").Append(Html.U(instance.Id)).Append("/approve\">")
                .Append("<button type=\"submit\">Approve ").Append(Html.E(instance.Workflow)).Append("</button></form>")
                .Append("<form method=\"post\" action=\"/app/inbox/").Append(Html.U(instance.Id)).Append("/reject\">")
                .Append("<label for=\"reason-").Append(Html.E(instance.Id)).Append("\">Reason for rejecting</label>")
                .Append("<input id=\"reason-").Append(Html.E(instance.Id)).Append("\" name=\"reason\" type=\"text\">")
                .Append("<button type=\"submit\">Reject ").Append(Html.E(instance.Workflow)).Append("</button></form></div></article>");
        }

        return Layout.Page("Workflow inbox", html.ToString(), session);
    }

    private static async Task<IResult> DecideAsync(HttpContext context, string id, Func<Workflows.Engine.WorkflowEngine, string, Task<WorkflowInstance>> decide)
    {
        if (SessionGate.Current(context) is not { } session)
            return SessionGate.SignInFirst(context);
        var host = context.RequestServices.GetRequiredService<WorkflowHost>();
        try
        {
            var instance = await decide(host.Engine, session.Person.Recorded);
            host.Dispatcher.Enqueue(instance.Id);
            return Results.Redirect($"/app/inbox?decided={Uri.EscapeDataString($"{instance.Workflow} {instance.Id}: {instance.Status} by {session.Person.Recorded}.")}");
        }
        catch (InvalidOperationException ex)
        {
            return ErrorPage.Result(StatusCodes.Status409Conflict, "Not decided", ex.Message);
        }
    }

    private static string Time(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);
}
