using System.Diagnostics;
using System.Globalization;
using System.Text;
using ClinicalAgent.Imaging;

namespace ClinicalAgent.Bench.Imaging;

/// <summary>
/// DICOM decode throughput per transfer syntax, ours against dcmtk's renderer on the same files, and the time to
/// prepare a decoded radiograph for the vision encoders (896 and 448, squash and letterbox).
/// </summary>
internal static class DicomBenchmark
{
    private static readonly (string Name, string Tool, string[] Arguments)[] Syntaxes =
    [
        ("Explicit VR LE", "", []),
        ("Implicit VR LE", "dcmconv", ["+ti"]),
        ("Deflated", "dcmconv", ["+td"]),
        ("RLE Lossless", "dcmcrle", []),
        ("JPEG Lossless SV1 (.70)", "dcmcjpeg", ["+e1"]),
        ("JPEG Lossless SV6 (.57)", "dcmcjpeg", ["+el"]),
        ("JPEG Extended (.51)", "dcmcjpeg", ["+ee"]),
        ("JPEG Baseline (.50)", "dcmcjpeg", ["+eb"]),
        ("JPEG 2000 Lossless (.90)", "gdcmconv", ["--j2k"]),
        ("JPEG 2000 (.91)", "gdcmconv", ["--j2k", "--lossy", "-q", "40"]),
    ];

    public static int Run(string[] args)
    {
        var repeats = IntOption(args, "--repeats", 5);
        var output = Option(args, "--out");
        var folder = Directory.CreateTempSubdirectory("dicom-bench-").FullName;
        try
        {
            var report = new StringBuilder();
            report.AppendLine(CultureInfo.InvariantCulture, $"# DICOM decode ({Environment.ProcessorCount} logical cores, {repeats} repeats, median)\n");
            report.AppendLine("| Image | Transfer syntax | File KB | Ours ms | Ours MB/s | dcmtk ms | dcmtk MB/s |");
            report.AppendLine("|---|---|---:|---:|---:|---:|---:|");
            foreach (var kind in new[] { "ct", "dx12", "dx8" })
            {
                var source = BenchImages.Write(folder, kind);
                foreach (var (name, tool, arguments) in Syntaxes)
                {
                    if (name.Contains("Baseline", StringComparison.Ordinal) != (kind == "dx8"))
                        continue; // baseline is 8-bit only; the 8-bit radiograph is there for it alone
                    if (kind == "ct" && name.Contains("Extended", StringComparison.Ordinal))
                        continue; // extended is 8 or 12 bits, the CT has 16
                    Console.Error.WriteLine($"{kind}: {name}");
                    var file = source;
                    if (tool.Length > 0)
                    {
                        file = $"{kind}-{Syntaxes.ToList().FindIndex(s => s.Name == name)}.dcm";
                        BenchImages.Run(folder, tool, [.. arguments, source, file]);
                    }

                    report.AppendLine(Row(folder, kind, name, file, repeats));
                }
            }

            report.AppendLine();
            report.AppendLine(Preparation(folder, repeats));
            Console.Write(report);
            if (output is not null)
                File.WriteAllText(output, report.ToString());
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Row(string folder, string kind, string name, string file, int repeats)
    {
        var bytes = File.ReadAllBytes(Path.Combine(folder, file));
        var (w, h, bits, _, _, _) = BenchImages.Draw(kind);
        var megabytes = (double)w * h * (bits / 8) / 1e6;
        MedicalImageDecoder.Decode(bytes); // warm-up: JIT, OpenJPEG load
        var ours = Median(repeats, () => MedicalImageDecoder.Decode(bytes));
        // dcmtk 3.6 has no JPEG 2000: dcmj2pnm (dcm2pnm with the JPEG and RLE codecs) renders everything else.
        string theirs = "—", theirsRate = "—";
        if (!name.StartsWith("JPEG 2000", StringComparison.Ordinal))
        {
            var time = Median(repeats, () => BenchImages.Run(folder, "dcmj2pnm", "+Wm", file, "out.pgm"));
            (theirs, theirsRate) = (Ms(time), Rate(megabytes, time));
        }

        return $"| {kind} {w}×{h}×{bits} | {name} | {bytes.Length / 1024} | {Ms(ours)} | {Rate(megabytes, ours)} | {theirs} | {theirsRate} |";
    }

    private static string Preparation(string folder, int repeats)
    {
        var pixels = MedicalImageDecoder.Decode(File.ReadAllBytes(Path.Combine(folder, "dx12.dcm")));
        var s = new StringBuilder($"# Preparation of a decoded {pixels.Width}×{pixels.Height} radiograph (median ms)\n\n| Size | Squash | Letterbox |\n|---:|---:|---:|\n");
        foreach (var size in new[] { 896, 448 })
        {
            ImagePreparation.Squash(pixels, size);
            var squash = Median(repeats, () => ImagePreparation.Squash(pixels, size));
            var letterbox = Median(repeats, () => ImagePreparation.Letterbox(pixels, size));
            s.Append(CultureInfo.InvariantCulture, $"| {size} | {Ms(squash)} | {Ms(letterbox)} |\n");
        }

        return s.ToString();
    }

    private static TimeSpan Median(int repeats, Action action) => Median(repeats, () =>
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed;
    });

    private static TimeSpan Median(int repeats, Func<TimeSpan> measure)
    {
        var times = Enumerable.Range(0, Math.Max(1, repeats)).Select(_ => measure()).Order().ToList();
        return times[times.Count / 2];
    }

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture);

    private static string Rate(double megabytes, TimeSpan t) => (megabytes / t.TotalSeconds).ToString("F0", CultureInfo.InvariantCulture);

    private static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    private static int IntOption(string[] args, string name, int fallback) =>
        int.TryParse(Option(args, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : fallback;
}
