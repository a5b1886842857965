using System.Globalization;
using Spectre.Console;

namespace ClinicalAgent.Cli;

/// <summary>
/// Shows progress of a long step: a live bar on an interactive terminal, a line every few seconds otherwise
/// (CI logs, pipes), nothing at all for short steps.
/// </summary>
public static class ProgressReporter
{
    private static readonly TimeSpan LineInterval = TimeSpan.FromSeconds(3);

    public static async Task<T> RunAsync<T>(TextWriter error, string label, Func<IProgress<int>, Task<T>> work)
    {
        if (ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            return await console.Progress()
                .Columns(new TaskDescriptionColumn(), new SpinnerColumn(), new ElapsedTimeColumn())
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask(label);
                    task.IsIndeterminate = true;
                    var result = await work(new Progress<int>(n => task.Description = string.Create(CultureInfo.InvariantCulture, $"{label}: {n:N0} resources"))).ConfigureAwait(false);
                    task.StopTask();
                    return result;
                }).ConfigureAwait(false);
        }

        var last = DateTime.UtcNow;
        var lines = new Progress<int>(n =>
        {
            if (DateTime.UtcNow - last >= LineInterval)
            {
                last = DateTime.UtcNow;
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: {n:N0} resources"));
            }
        });
        return await work(lines).ConfigureAwait(false);
    }
}
