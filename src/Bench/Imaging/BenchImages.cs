using System.Diagnostics;
using System.Globalization;

namespace ClinicalAgent.Bench.Imaging;

/// <summary>The benchmark's DICOM files, written by dcmtk's dump2dcm from pixels drawn here and converted by dcmtk/gdcm.</summary>
internal static class BenchImages
{
    /// <summary>A 512×512 CT slice (16-bit signed, HU) or a 2048×2048 radiograph (12 bits in 16, or 8 bits) as raw pixels.</summary>
    public static (int Width, int Height, int Bits, int Stored, bool Signed, byte[] Pixels) Draw(string kind)
    {
        var (w, h, bits, stored, signed) = kind switch
        {
            "ct" => (512, 512, 16, 16, true),
            "dx12" => (2048, 2048, 16, 12, false),
            _ => (2048, 2048, 8, 8, false),
        };
        var pixels = new byte[w * h * (bits / 8)];
        var noise = new Random(7);
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                double dx = (x - (w / 2.0)) / (w / 2.3), dy = (y - (h / 2.0)) / (h / 2.3);
                var r = (dx * dx) + (dy * dy);
                var value = kind == "ct"
                    ? (r < 1 ? 40 + noise.Next(-30, 30) + (r < 0.05 ? 900 : 0) : -1024)
                    : (int)(((1 - Math.Min(r, 1)) * 0.7 * ((1 << stored) - 1)) + noise.Next(0, 1 << (stored - 6)));
                value = signed ? value : Math.Clamp(value, 0, (1 << stored) - 1);
                if (bits == 8)
                {
                    pixels[(y * w) + x] = (byte)value;
                }
                else
                {
                    pixels[((y * w) + x) * 2] = (byte)value;
                    pixels[(((y * w) + x) * 2) + 1] = (byte)(value >> 8);
                }
            }
        }

        return (w, h, bits, stored, signed, pixels);
    }

    public static string Write(string folder, string kind)
    {
        var (w, h, bits, stored, signed, pixels) = Draw(kind);
        File.WriteAllBytes(Path.Combine(folder, kind + ".raw"), pixels);
        var i = CultureInfo.InvariantCulture;
        var dump = string.Join('\n',
            "(0008,0016) UI =SecondaryCaptureImageStorage", "(0008,0018) UI 1.2.826.0.1.3680043.9.7433.9." + kind.Length,
            "(0008,0060) CS [" + (kind == "ct" ? "CT" : "DX") + "]", "(0028,0002) US 1", "(0028,0004) CS [MONOCHROME2]",
            $"(0028,0010) US {h.ToString(i)}", $"(0028,0011) US {w.ToString(i)}", $"(0028,0100) US {bits.ToString(i)}",
            $"(0028,0101) US {stored.ToString(i)}", $"(0028,0102) US {(stored - 1).ToString(i)}", $"(0028,0103) US {(signed ? 1 : 0).ToString(i)}",
            $"(7fe0,0010) {(bits == 8 ? "OB" : "OW")} ={kind}.raw", "");
        File.WriteAllText(Path.Combine(folder, kind + ".dump"), dump);
        Run(folder, "dump2dcm", "+te", kind + ".dump", kind + ".dcm");
        return kind + ".dcm";
    }

    /// <summary>Runs a tool in the folder and returns its wall time (process start included).</summary>
    public static TimeSpan Run(string folder, string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { WorkingDirectory = folder, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        _ = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        clock.Stop();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} failed: {error.Trim()}");
        return clock.Elapsed;
    }
}
