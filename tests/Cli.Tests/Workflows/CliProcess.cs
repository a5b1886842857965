using System.Collections.Concurrent;
using System.Diagnostics;

namespace ClinicalAgent.Cli.Tests.Workflows;

/// <summary>
/// A real clinicalagent child process (<c>dotnet clinicalagent.dll ...</c>), for tests that need what only a separate
/// process shows: a SIGKILL that runs no shutdown code, several nodes over one database. Keeps every line it prints.
/// </summary>
internal sealed class CliProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();

    private CliProcess(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _log.Enqueue(e.Data); };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _log.Enqueue(e.Data); };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    /// <summary>What the process printed so far, stdout and stderr interleaved.</summary>
    public IReadOnlyList<string> Log => [.. _log];

    /// <summary>The last lines printed, for an assertion's message.</summary>
    public string Tail => string.Join(Environment.NewLine, Log.TakeLast(20));

    /// <summary>Starts the command with <paramref name="args"/> and, when given, one more environment variable.</summary>
    public static CliProcess Start(IEnumerable<string> args, (string Name, string Value)? environment = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "clinicalagent.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        if (environment is var (name, value))
        {
            start.Environment[name] = value;
        }

        return new CliProcess(Process.Start(start)!);
    }

    /// <summary>SIGKILL: no shutdown code runs, so whatever the process held (a claim, a scheduler check-in) is left behind.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }
}
