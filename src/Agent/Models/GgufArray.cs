namespace ClinicalAgent.Agent.Models;

/// <summary>
/// A metadata array. <see cref="Items"/> is null when the reader skipped a long array (a 262k-token
/// vocabulary, say) to stay fast; <see cref="Count"/> is always known.
/// </summary>
internal sealed record GgufArray(GgufValueType ElementType, ulong Count, IReadOnlyList<object>? Items);
