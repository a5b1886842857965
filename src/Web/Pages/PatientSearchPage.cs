using System.Text;
using ClinicalAgent.Tools.Formatting;
using ClinicalAgent.Web.Records;
using ClinicalAgent.Web.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Web.Pages;

/// <summary>
/// <c>GET /app/</c>: find a patient by name, MRN or birth date (the <c>find_patients</c> tool) in the session's records;
/// after a launch from another EHR whose token names no patient, it is the patient picker of that EHR (<c>?picker=1</c>).
/// </summary>
internal static class PatientSearchPage
{
    public static async Task<IResult> RenderAsync(HttpContext context, string? name, string? mrn, string? birthdate, string? picker, CancellationToken cancellationToken)
    {
        if (SessionGate.Current(context) is not { } session)
            return SessionGate.SignInFirst(context);
        var title = session.Remote is { } remote ? $"Choose a patient at {remote.FhirBase.Authority}" : "Find a patient";
        var html = new StringBuilder("<h1>").Append(Html.E(title)).Append("</h1>");
        if (session.Remote is not null && picker is not null)
            html.Append("<p data-testid=\"picker\">The EHR named no patient for this sign-in: find the patient in its records.</p>");
        html.Append("<form method=\"get\" action=\"/app/\" class=\"search\" role=\"search\" aria-label=\"Patients\">")
            .Append(Field("name", "Name", name, "text", "Any part of the name"))
            .Append(Field("mrn", "MRN", mrn, "text", "Medical record number"))
            .Append(Field("birthdate", "Birth date", birthdate, "date", "YYYY-MM-DD"))
            .Append("<button type=\"submit\">Search</button></form>");
        var arguments = new Dictionary<string, object?>();
        if (!string.IsNullOrWhiteSpace(name))
            arguments["name"] = name.Trim();
        if (!string.IsNullOrWhiteSpace(mrn))
            arguments["mrn"] = mrn.Trim();
        if (!string.IsNullOrWhiteSpace(birthdate))
            arguments["birthdate"] = birthdate.Trim();
        if (arguments.Count > 0)
        {
            var (result, error) = await RecordTools.CallAsync(SessionRecords.Toolbox(context, session), session.Person, "find_patients", arguments, cancellationToken);
            if (RemoteSignInPage.IfRefused(context, session) is { } again)
                return again;
            html.Append("<section aria-labelledby=\"results\"><h2 id=\"results\">Results</h2>");
            if (error is not null)
            {
                html.Append("<p role=\"alert\">").Append(Html.E(error)).Append("</p>");
            }
            else
            {
                var rows = ToolTable.Rows(result!.Value);
                html.Append(rows.Count == 0 ? "<p data-testid=\"no-patients\">No patient matches.</p>" : "<ul class=\"patients\" data-testid=\"patients\">");
                foreach (var row in rows)
                {
                    var id = Tables.Text(row, "id")!;
                    html.Append("<li><a href=\"/app/patients/").Append(Html.U(id)).Append("\">").Append(Html.E(Tables.Text(row, "name") ?? id)).Append("</a> ")
                        .Append("<span>MRN ").Append(Html.E(Tables.Text(row, "mrn") ?? "–")).Append(", born ").Append(Html.E(Tables.Text(row, "birthDate") ?? "unknown"))
                        .Append(", ").Append(Html.E(Tables.Text(row, "gender") ?? "gender unknown")).Append("</span></li>");
                }

                if (rows.Count > 0)
                    html.Append("</ul>");
            }

            html.Append("</section>");
        }

        return Layout.Page(title, html.ToString(), session);
    }

    private static string Field(string id, string label, string? value, string type, string hint) =>
        $"<div class=\"field\"><label for=\"{id}\">{label}</label><input id=\"{id}\" name=\"{id}\" type=\"{type}\" value=\"{Html.E(value)}\" aria-describedby=\"{id}-hint\"><small id=\"{id}-hint\">{hint}</small></div>";
}
