using System.Diagnostics;
using OpenTelemetry;

namespace ClinicalAgent.Bench.Telemetry;

/// <summary>An exporter that only counts what it is given: the SDK's cost of recording, not a network's.</summary>
internal sealed class CountingExporter : BaseExporter<Activity>
{
    public long Count { get; set; }

    public override ExportResult Export(in Batch<Activity> batch)
    {
        foreach (var _ in batch)
            Count++;
        return ExportResult.Success;
    }
}
