namespace ClinicalAgent.Evaluation.Statistics;

/// <summary>The outcome of a <see cref="PairedBootstrap"/>.</summary>
/// <param name="MeanDifference">The observed mean of B − A over tasks.</param>
/// <param name="Low">The 2.5th percentile of the resampled differences.</param>
/// <param name="High">The 97.5th percentile.</param>
/// <param name="PValue">Two-sided p-value for "no difference".</param>
/// <param name="Resamples">Resamples drawn.</param>
/// <param name="Seed">The generator's seed.</param>
public sealed record BootstrapResult(double MeanDifference, double Low, double High, double PValue, int Resamples, int Seed);
