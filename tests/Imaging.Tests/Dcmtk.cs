using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ClinicalAgent.Imaging.Tests;

/// <summary>Runs dcmtk's command-line tools, the independent reader our written files must satisfy, and reads their PNM output.</summary>
internal static class Dcmtk
{
    public static (int ExitCode, string Output, string Error) Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill();
            throw new TimeoutException($"{tool} did not finish within a minute.");
        }

        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Writes <paramref name="bytes"/> to a temporary file, runs <c>dcm2pnm</c> with <paramref name="options"/> and reads its ASCII PNM.</summary>
    public static (int Width, int Height, int Channels, int[] Samples) Render(byte[] bytes, params string[] options)
    {
        var input = Path.Combine(Path.GetTempPath(), $"ca-dicom-{Guid.NewGuid():N}.dcm");
        var output = Path.ChangeExtension(input, ".pnm");
        File.WriteAllBytes(input, bytes);
        try
        {
            var (exit, _, error) = Run("dcm2pnm", [.. options, input, output]);
            Assert.True(exit == 0, $"dcm2pnm failed ({exit}): {error}");
            return ReadAsciiPnm(File.ReadAllText(output, Encoding.ASCII));
        }
        finally
        {
            File.Delete(input);
            File.Delete(output);
        }
    }

    /// <summary>Runs <c>dcmdump</c> over the bytes; returns its exit code, dump and warnings.</summary>
    public static (int ExitCode, string Output, string Error) Dump(byte[] bytes)
    {
        var input = Path.Combine(Path.GetTempPath(), $"ca-dicom-{Guid.NewGuid():N}.dcm");
        File.WriteAllBytes(input, bytes);
        try
        {
            return Run("dcmdump", "+E", "-M", input);
        }
        finally
        {
            File.Delete(input);
        }
    }

    private static (int, int, int, int[]) ReadAsciiPnm(string text)
    {
        var tokens = text.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Where(t => !t.StartsWith('#')).ToArray();
        var channels = tokens[0] == "P3" ? 3 : tokens[0] == "P2" ? 1 : throw new InvalidDataException($"Not an ASCII PNM: {tokens[0]}.");
        var width = int.Parse(tokens[1], CultureInfo.InvariantCulture);
        var height = int.Parse(tokens[2], CultureInfo.InvariantCulture);
        var samples = tokens.Skip(4).Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        return (width, height, channels, samples);
    }
}
