using System.Diagnostics;

namespace ClinicalAgent.ModelApi.Tests;

/// <summary>Runs a committed node script under <c>js/</c> with the npm clients of <c>tests/js/node_modules</c>.</summary>
internal static class NodeRunner
{
    /// <summary>The folder holding <c>ClinicalAgent.sln</c>, found by walking up from the test binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ClinicalAgent.sln")))
                return folder.FullName;
        }

        throw new DirectoryNotFoundException("ClinicalAgent.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Runs <paramref name="script"/> with the node_modules folder as its first argument; returns its standard output.</summary>
    public static async Task<string> RunAsync(string script, params string[] args)
    {
        var nodeModules = Path.Combine(RepositoryRoot(), "tests", "js", "node_modules");
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "js", script));
        start.ArgumentList.Add(nodeModules);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return process.ExitCode == 0 ? await output : throw new InvalidOperationException($"node {script} exited {process.ExitCode}: {await error}");
    }
}
