using System.Globalization;

namespace ClinicalAgent.Bench.Web;

/// <summary>Options of <c>bench web</c>.</summary>
internal sealed record WebBenchOptions(int Runs, int Words, int WordDelayMs, int Patients, string? OutputPath)
{
    public const string Usage = "usage: web [--runs N (20)] [--words N (40)] [--word-delay MS (25)] [--patients N (5)] [--out FILE]";

    public static bool TryParse(string[] args, out WebBenchOptions options, out string? error)
    {
        options = new WebBenchOptions(20, 40, 25, 5, null);
        error = null;
        for (var i = 1; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            int Number() => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new FormatException($"{args[i]} needs a positive number");
            try
            {
                options = args[i] switch
                {
                    "--runs" => options with { Runs = Number() },
                    "--words" => options with { Words = Math.Max(2, Number()) },
                    "--word-delay" => options with { WordDelayMs = Number() },
                    "--patients" => options with { Patients = Number() },
                    "--out" => options with { OutputPath = value ?? throw new FormatException("--out needs a file") },
                    _ => throw new FormatException($"unknown option {args[i]}"),
                };
            }
            catch (FormatException ex)
            {
                error = ex.Message;
                return false;
            }

            i++;
        }

        return true;
    }
}
