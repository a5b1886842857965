namespace ClinicalAgent.Evaluation.Statistics;

/// <summary>One task's outcomes in two runs: passing tries of how many, in A and in B.</summary>
public sealed record PairedOutcome(int PassedA, int TriesA, int PassedB, int TriesB)
{
    /// <summary>A's pass rate on the task.</summary>
    public double RateA => TriesA == 0 ? 0 : (double)PassedA / TriesA;

    /// <summary>B's pass rate on the task.</summary>
    public double RateB => TriesB == 0 ? 0 : (double)PassedB / TriesB;
}
