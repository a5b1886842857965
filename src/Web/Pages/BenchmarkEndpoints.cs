using System.Globalization;
using System.Text;
using ClinicalAgent.Evaluation.Reporting;
using ClinicalAgent.Web.Sessions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.Web.Pages;

/// <summary>
/// <c>/app/benchmarks</c>: the run folders under <c>Web:BenchmarkFolder</c> (each <c>bench run --out</c>), and one run's
/// report, computed by the benchmark's own reporting (src/Evaluation) from its results.
/// </summary>
internal static class BenchmarkEndpoints
{
    public static void Map(RouteGroupBuilder app)
    {
        app.MapGet("/benchmarks", (HttpContext context) =>
        {
            if (SessionGate.Current(context) is not { } session)
                return SessionGate.SignInFirst(context);
            var html = new StringBuilder("<h1>Benchmark reports</h1>");
            if (Folder(context) is not { } folder)
                return Layout.Page("Benchmark reports", html.Append("<p>No benchmark folder is set (Web:BenchmarkFolder).</p>").ToString(), session);
            var runs = Runs(folder);
            html.Append(runs.Count == 0 ? $"<p>No run folders in {Html.E(folder)}.</p>" : "<ul data-testid=\"runs\">");
            foreach (var run in runs)
                html.Append("<li><a href=\"/app/benchmarks/").Append(Html.U(run)).Append("\">").Append(Html.E(run)).Append("</a></li>");
            if (runs.Count > 0)
                html.Append("</ul>");
            return Layout.Page("Benchmark reports", html.ToString(), session);
        });
        app.MapGet("/benchmarks/{run}", (HttpContext context, string run) =>
        {
            if (SessionGate.Current(context) is not { } session)
                return SessionGate.SignInFirst(context);
            // Only a folder the listing shows: the name is never taken as a path.
            if (Folder(context) is not { } folder || !Runs(folder).Contains(run, StringComparer.Ordinal))
                return ErrorPage.Result(StatusCodes.Status404NotFound, "No such run", "That benchmark run is not in the benchmark folder.");
            BenchReport report;
            try
            {
                report = BenchReport.Load(Path.Combine(folder, run));
            }
            catch (InvalidDataException ex)
            {
                return ErrorPage.Result(StatusCodes.Status404NotFound, "No report yet", ex.Message);
            }

            return Layout.Page($"Benchmark {run}", Render(run, report), session);
        });
    }

    private static string Render(string run, BenchReport report)
    {
        static string Row(CategoryScore s) => string.Create(CultureInfo.InvariantCulture,
            $"<tr><th scope=\"row\">{Html.E(s.Label)}</th><td>{s.Passed}</td><td>{s.Tasks}</td><td>{s.Percent:0.0}%</td></tr>");
        var html = new StringBuilder("<h1>Benchmark ").Append(Html.E(run)).Append("</h1>");
        if (report.Manifest is { } manifest)
            html.Append("<p>Agent ").Append(Html.E(manifest.Agent)).Append(", model ").Append(Html.E(manifest.Model ?? "none"))
                .Append(", started ").Append(Html.E(manifest.Started.ToString("o", CultureInfo.InvariantCulture))).Append("</p>");
        html.Append("<table data-testid=\"scores\"><caption>Success</caption><thead><tr><th scope=\"col\">Group</th><th scope=\"col\">Passed</th><th scope=\"col\">Tasks</th><th scope=\"col\">Success</th></tr></thead><tbody>")
            .Append(Row(report.Overall)).Append(Row(report.Query)).Append(Row(report.Action));
        foreach (var category in report.Categories)
            html.Append(Row(category));
        html.Append("</tbody></table>")
            .Append("<details><summary>Full report (Markdown)</summary><pre>").Append(Html.E(MarkdownReport.Render(report))).Append("</pre></details>");
        return html.ToString();
    }

    private static string? Folder(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<WebAppOptions>>().Value.BenchmarkFolder is { Length: > 0 } folder && Directory.Exists(folder) ? folder : null;

    private static List<string> Runs(string folder) =>
        [.. Directory.EnumerateDirectories(folder).Where(d => Directory.Exists(Path.Combine(d, "results"))).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];
}
