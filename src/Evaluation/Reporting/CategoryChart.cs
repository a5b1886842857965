using System.Globalization;
using System.Net;
using System.Text;

namespace ClinicalAgent.Evaluation.Reporting;

/// <summary>A bar chart of success per category as a hand-written SVG (no charting library: they are huge).</summary>
internal static class CategoryChart
{
    private const int Width = 720, Height = 320, Left = 48, Bottom = 80, Top = 24, Right = 16;

    /// <summary>The chart's SVG text; a dashed line marks the overall success.</summary>
    public static string Svg(BenchReport report)
    {
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var bars = report.Categories;
        var slot = plotWidth / (double)Math.Max(1, bars.Count);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{Height}" viewBox="0 0 {Width} {Height}" font-family="sans-serif" font-size="11">""").Append('\n');
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left}" y="14" font-size="13">Success per category (%), {WebUtility.HtmlEncode(report.Manifest?.Agent ?? "run")}</text>""").Append('\n');
        foreach (var tick in new[] { 0, 25, 50, 75, 100 })
        {
            var y = Top + plotHeight * (1 - tick / 100.0);
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Left}" y1="{y:0.#}" x2="{Width - Right}" y2="{y:0.#}" stroke="#ddd"/><text x="{Left - 6}" y="{y + 4:0.#}" text-anchor="end">{tick}</text>""").Append('\n');
        }

        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var height = plotHeight * bar.Percent / 100.0;
            var x = Left + (i * slot) + (slot * 0.15);
            var y = Top + plotHeight - height;
            var label = WebUtility.HtmlEncode(bar.Label);
            svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{x:0.#}" y="{y:0.#}" width="{slot * 0.7:0.#}" height="{height:0.#}" fill="#3b7dd8"><title>{label}: {bar.Passed}/{bar.Tasks}</title></rect>""").Append('\n');
            // The 95% interval as a whisker across the bar's top.
            var middle = x + (slot * 0.35);
            var (low, high) = (Top + (plotHeight * (1 - bar.Interval.Low)), Top + (plotHeight * (1 - bar.Interval.High)));
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{middle:0.#}" y1="{low:0.#}" x2="{middle:0.#}" y2="{high:0.#}" stroke="#222"><title>95% interval {bar.Interval.ToPercentText()}</title></line>""").Append('\n');
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{x + (slot * 0.35):0.#}" y="{Math.Min(y, high) - 4:0.#}" text-anchor="middle">{bar.Percent:0}</text>""").Append('\n');
            var labelX = x + (slot * 0.35);
            var labelY = Top + plotHeight + 12;
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{labelX:0.#}" y="{labelY}" text-anchor="end" transform="rotate(-35 {labelX:0.#} {labelY})">{label}</text>""").Append('\n');
        }

        var overall = Top + plotHeight * (1 - report.Overall.Percent / 100.0);
        svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Left}" y1="{overall:0.#}" x2="{Width - Right}" y2="{overall:0.#}" stroke="#d83b3b" stroke-dasharray="6 4"><title>overall {report.Overall.Percent:0.0}%</title></line>""").Append('\n');
        svg.Append("</svg>\n");
        return svg.ToString();
    }
}
