using System.Diagnostics;

namespace ClinicalAgent.Imaging.Tests.Support;

/// <summary>
/// Runs dcmtk and gdcm, the independent DICOM writers and renderers the tests compare against. A missing tool fails
/// the test with what to install, rather than skipping it silently (CI installs dcmtk and libgdcm-tools).
/// </summary>
internal static class DicomTools
{
    public static void Run(string tool, string workingDirectory, params string[] arguments)
    {
        var path = Find(tool) ?? throw new InvalidOperationException(
            $"The test needs '{tool}' on PATH: install the Debian packages dcmtk, libgdcm-tools and libopenjp2-7 (CI installs them).");
        var start = new ProcessStartInfo(path) { WorkingDirectory = workingDirectory, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} ran past a minute.");
        }

        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} failed ({process.ExitCode}): {stderr.Result}{stdout.Result}");
    }

    public static string? Find(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);
}
