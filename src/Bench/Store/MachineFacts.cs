using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace ClinicalAgent.Bench.Store;

/// <summary>The machine the figures came from, for the report.</summary>
public sealed record MachineFacts(int Cores, string Cpu, string Os, string Runtime, string Architecture, string Sqlite)
{
    public static MachineFacts Current()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sqlite_version()";
        var sqlite = (string)command.ExecuteScalar()!;
        return new MachineFacts(
            Environment.ProcessorCount,
            CpuModel(),
            RuntimeInformation.OSDescription,
            RuntimeInformation.FrameworkDescription,
            RuntimeInformation.ProcessArchitecture.ToString(),
            sqlite);
    }

    /// <summary>The 1-, 5- and 15-minute load averages ("n/a" off Linux): how busy the machine was around a figure.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    // Only Linux says cheaply what the CPU is; elsewhere the core count has to do.
    private static string CpuModel()
    {
        try
        {
            return File.Exists("/proc/cpuinfo")
                ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown"
                : "unknown";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
