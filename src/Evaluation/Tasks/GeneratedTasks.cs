namespace ClinicalAgent.Evaluation.Tasks;

/// <summary>A generated task set and its balance per category.</summary>
public sealed record GeneratedTasks(IReadOnlyList<BenchTask> Tasks, IReadOnlyList<CategoryBalance> Balance);
