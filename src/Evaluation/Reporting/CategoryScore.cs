namespace ClinicalAgent.Evaluation.Reporting;

/// <summary>Success in one category (or any other group of tasks).</summary>
public sealed record CategoryScore(string Label, int Tasks, int Passed)
{
    /// <summary>Percent passed; 0 for an empty group.</summary>
    public double Percent => Tasks == 0 ? 0 : 100.0 * Passed / Tasks;
}
