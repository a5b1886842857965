using System.Globalization;

namespace ClinicalAgent.Bench.Mcp;

/// <summary>Options of <c>mcp</c>: <c>--patients N --calls N --rounds N [--cli PATH]</c>.</summary>
internal sealed record McpBenchOptions(int Patients, int Calls, int Rounds, string? Cli)
{
    public const string Usage = "usage: bench mcp [--patients 20] [--calls 2000] [--rounds 4] [--cli path/to/clinicalagent.dll (adds stdio)]";

    public static bool TryParse(string[] args, out McpBenchOptions options, out string? error)
    {
        options = new McpBenchOptions(20, 2000, 4, null);
        error = null;
        for (var i = 1; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--patients" when int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n > 0:
                    options = options with { Patients = n };
                    break;
                case "--calls" when int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n > 0:
                    options = options with { Calls = n };
                    break;
                case "--rounds" when int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n > 0:
                    options = options with { Rounds = n };
                    break;
                case "--cli" when value is not null && File.Exists(value):
                    options = options with { Cli = Path.GetFullPath(value) };
                    break;
                default:
                    error = $"bad option {args[i]} {value}";
                    return false;
            }

            i++;
        }

        return true;
    }
}
