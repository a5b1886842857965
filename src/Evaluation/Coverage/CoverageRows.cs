using System.Globalization;

namespace ClinicalAgent.Evaluation.Coverage;

/// <summary>A coverage map as table rows and a summary line, shared by <c>bench coverage</c> and the run report.</summary>
public static class CoverageRows
{
    /// <summary>The table's columns.</summary>
    public static IReadOnlyList<string> Header { get; } = ["tool", "argument kind", "record branch", "answer kind", "write", "visits"];

    /// <summary>One row per cell, the visited ones first; cells outside the designed space are marked with *.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> For(CoverageMap map) =>
    [
        .. map.Cells.Select(c => (IReadOnlyList<string>)
        [
            c.Designed ? c.Cell.Tool : c.Cell.Tool + " *", c.Cell.ArgumentKind, c.Cell.RecordBranch, c.Cell.AnswerKind, c.Cell.WriteText,
            c.Visits.ToString(CultureInfo.InvariantCulture),
        ]),
    ];

    /// <summary>Visits, cells, entropy and the empty cells in words.</summary>
    public static string Summary(CoverageMap map)
    {
        var empty = map.Empty;
        return string.Create(CultureInfo.InvariantCulture,
            $"{map.Visits} visits (tool calls) over {map.Cells.Count} cells; normalised entropy {map.NormalisedEntropy:0.000} ({map.Entropy:0.000} nats); ")
            + $"{empty.Count} empty cells{(empty.Count == 0 ? "" : ": " + string.Join("; ", empty))}"
            + (map.Outside == 0 ? "." : string.Create(CultureInfo.InvariantCulture, $"; {map.Outside} visited cells outside the designed space (marked *)."));
    }
}
