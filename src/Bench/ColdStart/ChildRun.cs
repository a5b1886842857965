using System.Diagnostics;
using System.Globalization;

namespace ClinicalAgent.Bench.ColdStart;

/// <summary>
/// One command in a fresh process: its wall time, and its CPU time (user and system, all its threads) where the
/// system tells it. On Linux that is the growth of this process's <c>cutime</c> and <c>cstime</c> in
/// <c>/proc/self/stat</c>, which count every child once it has been waited for; elsewhere it is unknown.
/// </summary>
internal sealed record ChildRun(double WallSeconds, double? CpuSeconds, int ExitCode, string LastError)
{
    // USER_HZ, the unit of /proc's times: 100 on every Linux ABI .NET runs on.
    private const double TicksPerSecond = 100;

    /// <summary>Runs <paramref name="file"/> with <paramref name="arguments"/> and the extra environment, to its end.</summary>
    public static ChildRun Run(string file, IEnumerable<string> arguments, IEnumerable<KeyValuePair<string, string>> environment)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment)
            start.Environment[name] = value;

        var cpuBefore = ChildrenCpuSeconds();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        var wall = clock.Elapsed.TotalSeconds;
        output.Wait();
        var cpu = ChildrenCpuSeconds() - cpuBefore;
        var lastError = errors.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
        return new ChildRun(wall, cpu, process.ExitCode, lastError);
    }

    /// <summary>The CPU seconds of this process's waited-for children, from a <c>/proc/PID/stat</c> line; null if it is not one.</summary>
    public static double? ChildrenCpuSeconds(string statLine)
    {
        // The command name (field 2) is in parentheses and may hold spaces; the fields after it start at field 3.
        var close = statLine.LastIndexOf(')');
        if (close < 0)
            return null;
        var fields = statLine[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        const int CutimeField = 16, CstimeField = 17, FirstField = 3;
        if (fields.Length <= CstimeField - FirstField
            || !long.TryParse(fields[CutimeField - FirstField], NumberStyles.None, CultureInfo.InvariantCulture, out var user)
            || !long.TryParse(fields[CstimeField - FirstField], NumberStyles.None, CultureInfo.InvariantCulture, out var system))
            return null;
        return (user + system) / TicksPerSecond;
    }

    private static double? ChildrenCpuSeconds() =>
        File.Exists("/proc/self/stat") ? ChildrenCpuSeconds(File.ReadAllText("/proc/self/stat")) : null;
}
