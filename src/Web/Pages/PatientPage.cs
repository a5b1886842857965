using System.Text;
using System.Text.Json;
using ClinicalAgent.Tools.Formatting;
using ClinicalAgent.Web.Records;
using ClinicalAgent.Web.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using static ClinicalAgent.Web.Pages.Tables;

namespace ClinicalAgent.Web.Pages;

/// <summary>
/// <c>GET /app/patients/{id}</c>: the summary panel (problems, medications, allergies, latest vitals, key labs, images)
/// from <c>get_patient_overview</c> and <c>list_images</c>, and the chat with the record.
/// </summary>
internal static class PatientPage
{
    private static readonly Column[] Problems = [new("Problem", "name"), new("Code", "code"), new("Status", "status"), new("Onset", "onset")];
    private static readonly Column[] Medications = [new("Medication", "name"), new("Dose", "dose"), new("Route", "route"), new("Frequency", "frequency"), new("Status", "status"), new("Ordered", "ordered")];
    private static readonly Column[] Allergies = [new("Allergy", "name"), new("Criticality", "criticality"), new("Reaction", "reaction"), new("Status", "status")];

    // get_observations and the overview leave the status out when it is final (ObservationRow): shown as such.
    private static readonly Column[] Observations = [new("Test", "name"), new("Value", "value"), new("Unit", "unit"), new("Flag", "interpretation"), new("Date", "date"), new("Status", "status", "final")];

    public static async Task<IResult> RenderAsync(HttpContext context, string id, CancellationToken cancellationToken)
    {
        if (SessionGate.Current(context) is not { } session)
            return SessionGate.SignInFirst(context);
        var tools = SessionRecords.Toolbox(context, session);
        var (overview, error) = await RecordTools.CallAsync(tools, session.Person, "get_patient_overview", new Dictionary<string, object?> { ["patient_id"] = id }, cancellationToken);
        if (RemoteSignInPage.IfRefused(context, session) is { } again)
            return again;
        if (overview is not { } chart)
            return ErrorPage.Result(StatusCodes.Status404NotFound, "Patient not found", error ?? $"No patient '{id}'.");
        var (images, _) = await RecordTools.CallAsync(tools, session.Person, "list_images", new Dictionary<string, object?> { ["patient_id"] = id }, cancellationToken);
        if (RemoteSignInPage.IfRefused(context, session) is { } refused)
            return refused;

        var patient = chart.GetProperty("patient");
        var name = Text(patient, "name") ?? id;
        var html = new StringBuilder()
            .Append("<h1 data-testid=\"patient-name\">").Append(Html.E(name)).Append("</h1>")
            .Append("<p class=\"demographics\">MRN ").Append(Html.E(Text(patient, "mrn") ?? "–"))
            .Append(" · born ").Append(Html.E(Text(patient, "birthDate") ?? "unknown"))
            .Append(Text(patient, "age") is { } age ? $" ({Html.E(age)} years)" : "")
            .Append(" · ").Append(Html.E(Text(patient, "gender") ?? "gender unknown")).Append("</p>")
            .Append("<div class=\"columns\"><section class=\"summary\" aria-labelledby=\"summary\"><h2 id=\"summary\">Summary</h2>")
            .Append(Render("Active problems", Problems, Array(chart, "activeProblems"), "No active problems recorded.", "problems"))
            .Append(Render("Active medications", Medications, Array(chart, "activeMedications"), "No active medications recorded.", "medications"))
            .Append(Render("Allergies", Allergies, Array(chart, "allergies"), "No allergies recorded.", "allergies"))
            .Append(Render("Latest vital signs", Observations, Array(chart, "latestVitals"), "No vital signs recorded.", "vitals"))
            .Append(Render("Key labs, latest of each", Observations, Array(chart, "keyLabs"), "No key labs recorded.", "labs"))
            .Append(ImagesSection(images))
            .Append("</section>")
            .Append(ChatSection(id))
            .Append("</div>");
        return Layout.Page(name, html.ToString(), session);
    }

    private static string ImagesSection(JsonElement? images)
    {
        var html = new StringBuilder("<h3>Images</h3>");
        var rows = images is { } table ? ToolTable.Rows(table) : [];
        if (rows.Count == 0)
            return html.Append("<p data-testid=\"images\">No images in this record.</p>").ToString();
        html.Append("<ul class=\"images\" data-testid=\"images\">");
        foreach (var row in rows)
        {
            var id = Text(row, "id")!;
            var about = string.Join(", ", new[] { Text(row, "modality"), Text(row, "bodySite"), Text(row, "title"), Text(row, "date") }.Where(t => t is { Length: > 0 }));
            html.Append("<li><figure><img loading=\"lazy\" src=\"").Append(Html.ImageHref(id)).Append("\" alt=\"").Append(Html.E($"Image {id}: {about}")).Append("\">")
                .Append("<figcaption><a href=\"").Append(Html.ResourceHref(Text(row, "source") ?? id.Split('#')[0])).Append("\">").Append(Html.E(id)).Append("</a> ")
                .Append(Html.E(about)).Append("</figcaption></figure></li>");
        }

        return html.Append("</ul>").ToString();
    }

    private static string ChatSection(string patientId) => $"""
        <section class="chat" aria-labelledby="chat-title" data-patient="{Html.E(patientId)}">
        <h2 id="chat-title">Ask the record</h2>
        <form id="ask" action="/app/api/chat" method="post">
        <label for="question">Question</label>
        <textarea id="question" name="question" rows="3" required></textarea>
        <button type="submit">Ask</button>
        </form>
        <ol id="steps" class="steps" aria-label="Tool steps"></ol>
        <div id="answer" class="answer" aria-live="polite" aria-busy="false" data-testid="answer"></div>
        <p id="chat-status" class="status" role="status"></p>
        <section id="writes" aria-labelledby="writes-title" hidden><h3 id="writes-title">Proposed writes awaiting your approval</h3><ul id="write-list"></ul></section>
        </section>
        """;
}
