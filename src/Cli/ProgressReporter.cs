using System.Globalization;
using ClinicalAgent.Agent.Models;
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

    /// <summary>Shows a download: a bar with size, speed and time left on a terminal, a line every few seconds otherwise.</summary>
    public static async Task<T> RunDownloadAsync<T>(TextWriter error, string label, Func<IProgress<DownloadProgress>, Task<T>> work)
    {
        if (ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            return await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(),
                    new TransferSpeedColumn(), new RemainingTimeColumn())
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask(label);
                    task.IsIndeterminate = true;
                    var result = await work(new Progress<DownloadProgress>(p =>
                    {
                        task.IsIndeterminate = p.TotalBytes is null;
                        task.MaxValue = p.TotalBytes ?? Math.Max(p.BytesReceived, 1);
                        task.Value = p.BytesReceived;
                    })).ConfigureAwait(false);
                    task.Value = task.MaxValue;
                    task.StopTask();
                    return result;
                }).ConfigureAwait(false);
        }

        var last = DateTime.UtcNow;
        var lines = new Progress<DownloadProgress>(p =>
        {
            if (DateTime.UtcNow - last >= LineInterval)
            {
                last = DateTime.UtcNow;
                error.WriteLine(DownloadLine(label, p));
            }
        });
        var value = await work(lines).ConfigureAwait(false);
        await error.WriteLineAsync($"{label}: done.").ConfigureAwait(false);
        return value;
    }

    /// <summary>Shows progress through a count of items (benchmark tasks): a bar on a terminal, a line every few seconds otherwise.</summary>
    public static async Task<T> RunCountAsync<T>(TextWriter error, string label, Func<IProgress<(int Done, int Total)>, Task<T>> work)
    {
        if (ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            return await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask(label);
                    var result = await work(new Progress<(int Done, int Total)>(p =>
                    {
                        task.MaxValue = Math.Max(1, p.Total);
                        task.Value = p.Done;
                        task.Description = string.Create(CultureInfo.InvariantCulture, $"{label} {p.Done}/{p.Total}");
                    })).ConfigureAwait(false);
                    task.StopTask();
                    return result;
                }).ConfigureAwait(false);
        }

        var last = DateTime.MinValue;
        var lines = new Progress<(int Done, int Total)>(p =>
        {
            if (DateTime.UtcNow - last >= LineInterval || p.Done == p.Total)
            {
                last = DateTime.UtcNow;
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: {p.Done}/{p.Total}"));
            }
        });
        return await work(lines).ConfigureAwait(false);
    }

    private static string DownloadLine(string label, DownloadProgress p) => p.TotalBytes is { } total and > 0
        ? string.Create(CultureInfo.InvariantCulture, $"{label}: {ByteText.Size(p.BytesReceived)} of {ByteText.Size(total)} ({100.0 * p.BytesReceived / total:0}%)")
        : $"{label}: {ByteText.Size(p.BytesReceived)}";
}
