using ClinicalAgent.Evaluation.Coverage;

namespace ClinicalAgent.Evaluation.Reporting;

/// <summary>The run report's coverage map: the cells the run's trajectories visited (every try), the designed cells
/// they left empty, and the entropy of the visits.</summary>
internal static class CoverageSection
{
    public static ReportTable For(BenchReport report)
    {
        var map = CoverageMap.Measure(CoverageSpace.Cells, CoverageVisits.ForResults(report.Results));
        return new ReportTable("Coverage", CoverageRows.Header, CoverageRows.For(map), CoverageRows.Summary(map));
    }
}
