using System.Collections;
using System.Diagnostics;
using System.Globalization;
using OpenTelemetry.Metrics;

namespace ClinicalAgent.Telemetry.Tests;

/// <summary>Every value a collector would receive from spans and metrics: span names, attributes, events, links,
/// status descriptions, baggage, and metric point tags, as text (arrays flattened).</summary>
internal static class ExportedValues
{
    public static IReadOnlyList<(string Where, string Value)> Of(IEnumerable<Activity> spans, IEnumerable<MetricSnapshot> metrics)
    {
        var values = new List<(string, string)>();
        foreach (var span in spans)
        {
            values.Add(($"{span.DisplayName} name", span.DisplayName));
            if (span.StatusDescription is { } status)
                values.Add(($"{span.DisplayName} status", status));
            AddTags(values, span.DisplayName, span.TagObjects);
            foreach (var e in span.Events)
            {
                values.Add(($"{span.DisplayName} event", e.Name));
                AddTags(values, $"{span.DisplayName} event {e.Name}", e.Tags);
            }

            foreach (var link in span.Links)
                AddTags(values, $"{span.DisplayName} link", link.Tags ?? []);
            AddTags(values, $"{span.DisplayName} baggage", span.Baggage.Select(b => new KeyValuePair<string, object?>(b.Key, b.Value)));
        }

        foreach (var metric in metrics)
        {
            foreach (var point in metric.MetricPoints)
            {
                foreach (var tag in point.Tags)
                    Add(values, $"{metric.Name} {tag.Key}", tag.Value);
            }
        }

        return values;
    }

    private static void AddTags(List<(string, string)> values, string where, IEnumerable<KeyValuePair<string, object?>> tags)
    {
        foreach (var (key, value) in tags)
            Add(values, $"{where} {key}", value);
    }

    private static void Add(List<(string, string)> values, string where, object? value)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                values.Add((where, text));
                return;
            case IEnumerable items:
                foreach (var item in items)
                    Add(values, where, item);
                return;
            default:
                values.Add((where, Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""));
                return;
        }
    }
}
