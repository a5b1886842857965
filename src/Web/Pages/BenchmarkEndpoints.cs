using ClinicalAgent.Evaluation.Reporting;
using ClinicalAgent.Evaluation.Runners;
using ClinicalAgent.Web.Sessions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.Web.Pages;

/// <summary>
/// <c>/app/benchmarks</c>: the run folders under <c>Web:BenchmarkFolder</c> (each <c>bench run --out</c>, single or
/// repeated with <c>--repeats k</c>) with their headline figures; one run's report; and, for a repeated run, each
/// repeat's report (<c>/app/benchmarks/RUN/repeats/N</c>). The figures are the benchmark's own reporting
/// (src/Evaluation), computed from the results, never written here.
/// </summary>
internal static class BenchmarkEndpoints
{
    public static void Map(RouteGroupBuilder app)
    {
        app.MapGet("/benchmarks", (HttpContext context) =>
        {
            if (SessionGate.Current(context) is not { } session)
                return SessionGate.SignInFirst(context);
            if (Folder(context) is not { } folder)
                return Layout.Page("Benchmark reports", "<h1>Benchmark reports</h1><p>No benchmark folder is set (Web:BenchmarkFolder).</p>", session);
            var runs = Runs(folder);
            var body = runs.Count == 0
                ? $"<h1>Benchmark reports</h1><p>No run folders in {Html.E(folder)}.</p>"
                : "<h1>Benchmark reports</h1>" + BenchmarkHtml.RunList([.. runs.Select(run => (run, Load(Path.Combine(folder, run)).Report))]);
            return Layout.Page("Benchmark reports", body, session);
        });
        app.MapGet("/benchmarks/{run}", (HttpContext context, string run) =>
        {
            if (SessionGate.Current(context) is not { } session)
                return SessionGate.SignInFirst(context);
            // Only a folder the listing shows: the name is never taken as a path.
            if (Folder(context) is not { } folder || !Runs(folder).Contains(run, StringComparer.Ordinal))
                return NoSuchRun();
            var path = Path.Combine(folder, run);
            return ReportPage(session, $"Benchmark {run}", path, report => BenchmarkHtml.Report(run, null, report, RepeatFolders.Present(path)));
        });
        app.MapGet("/benchmarks/{run}/repeats/{repeat:int}", (HttpContext context, string run, int repeat) =>
        {
            if (SessionGate.Current(context) is not { } session)
                return SessionGate.SignInFirst(context);
            if (Folder(context) is not { } folder || !Runs(folder).Contains(run, StringComparer.Ordinal))
                return NoSuchRun();
            var path = Path.Combine(folder, run);
            if (!RepeatFolders.Present(path).Contains(repeat))
                return ErrorPage.Result(StatusCodes.Status404NotFound, "No such repeat", "That run has no repeat of that number with results.");
            return ReportPage(session, $"Benchmark {run}, repeat {repeat}", RepeatFolders.Folder(path, repeat), report => BenchmarkHtml.Report(run, repeat, report, []));
        });
    }

    /// <summary>The run's report, or why there is none (no finished task yet, a file that is not valid).</summary>
    private static (BenchReport? Report, string? Problem) Load(string runFolder)
    {
        try
        {
            return (BenchReport.Load(runFolder), null);
        }
        catch (Exception ex) when (ex is InvalidDataException or DirectoryNotFoundException)
        {
            return (null, ex.Message);
        }
    }

    /// <summary>The report of <paramref name="runFolder"/> as a page, or a 404 saying why there is none.</summary>
    private static IResult ReportPage(WebSession session, string title, string runFolder, Func<BenchReport, string> render)
    {
        var (report, problem) = Load(runFolder);
        return report is null
            ? ErrorPage.Result(StatusCodes.Status404NotFound, "No report yet", problem ?? "")
            : Layout.Page(title, render(report), session);
    }

    private static IResult NoSuchRun() =>
        ErrorPage.Result(StatusCodes.Status404NotFound, "No such run", "That benchmark run is not in the benchmark folder.");

    private static string? Folder(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<WebAppOptions>>().Value.BenchmarkFolder is { Length: > 0 } folder && Directory.Exists(folder) ? folder : null;

    /// <summary>The run folders, single or repeated, by name.</summary>
    private static List<string> Runs(string folder) =>
        [.. Directory.EnumerateDirectories(folder).Where(RepeatFolders.IsRunFolder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];
}
