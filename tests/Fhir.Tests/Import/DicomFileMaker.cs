using System.Diagnostics;

namespace ClinicalAgent.Fhir.Tests.Import;

/// <summary>Writes small DICOM files with dcmtk's dump2dcm (an independent writer); a missing dcmtk fails with what to install.</summary>
internal static class DicomFileMaker
{
    public static string Write(string folder, string name, string patientId, string studyUid, string seriesUid, string sopUid, int series, int instance, string modality = "CR")
    {
        var pixels = Enumerable.Range(0, 16 * 16).Select(i => (byte)(i * 7)).ToArray();
        File.WriteAllBytes(Path.Combine(folder, name + ".raw"), pixels);
        var dump = $"""
            (0008,0016) UI =ComputedRadiographyImageStorage
            (0008,0018) UI {sopUid}
            (0008,0020) DA [20240305]
            (0008,0030) TM [101530]
            (0008,0060) CS [{modality}]
            (0010,0020) LO [{patientId}]
            (0018,0015) CS [CHEST]
            (0020,000d) UI {studyUid}
            (0020,000e) UI {seriesUid}
            (0020,0011) IS [{series}]
            (0020,0013) IS [{instance}]
            (0028,0002) US 1
            (0028,0004) CS [MONOCHROME2]
            (0028,0010) US 16
            (0028,0011) US 16
            (0028,0100) US 8
            (0028,0101) US 8
            (0028,0102) US 7
            (0028,0103) US 0
            (7fe0,0010) OB ={name}.raw

            """;
        File.WriteAllText(Path.Combine(folder, name + ".dump"), dump);
        Run(folder, "dump2dcm", "+te", name + ".dump", name + ".dcm");
        File.Delete(Path.Combine(folder, name + ".raw"));
        File.Delete(Path.Combine(folder, name + ".dump"));
        return Path.Combine(folder, name + ".dcm");
    }

    private static void Run(string folder, string tool, params string[] arguments)
    {
        if (!(Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, tool))))
            throw new InvalidOperationException($"The test needs '{tool}' on PATH: install the Debian package dcmtk (CI installs it).");
        var start = new ProcessStartInfo(tool) { WorkingDirectory = folder, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{tool} failed: {error}");
    }
}
