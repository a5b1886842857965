using System.Globalization;

namespace ClinicalAgent.Bench.ModelApi;

/// <summary>Arguments of the <c>modelapi</c> benchmark.</summary>
internal sealed record ModelApiBenchOptions(string? ModelPath, int Calls, int Tokens, int Threads)
{
    public const string Usage = "usage: bench modelapi [--model FILE.gguf] [--calls 40] [--tokens 16] [--threads 1]";

    public static bool TryParse(string[] args, out ModelApiBenchOptions options, out string error)
    {
        options = new ModelApiBenchOptions(null, 40, 16, 1);
        error = "";
        for (var i = 1; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--model" when value is not null:
                    options = options with { ModelPath = value };
                    break;
                case "--calls" when int.TryParse(value, CultureInfo.InvariantCulture, out var calls) && calls > 0:
                    options = options with { Calls = calls };
                    break;
                case "--tokens" when int.TryParse(value, CultureInfo.InvariantCulture, out var tokens) && tokens > 0:
                    options = options with { Tokens = tokens };
                    break;
                case "--threads" when int.TryParse(value, CultureInfo.InvariantCulture, out var threads) && threads > 0:
                    options = options with { Threads = threads };
                    break;
                default:
                    error = $"unknown or incomplete argument '{args[i]}'";
                    return false;
            }

            i++;
        }

        return true;
    }
}
