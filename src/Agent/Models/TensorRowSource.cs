namespace ClinicalAgent.Agent.Models;

/// <summary>
/// Fills row <paramref name="row"/> of a tensor (its contiguous first dimension) when the file is written, so a
/// multi-gigabyte model never sits in memory. It may be called from several threads at once, for different rows.
/// </summary>
public delegate void TensorRowSource(ulong row, Span<float> values);
