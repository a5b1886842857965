namespace ClinicalAgent.Tools.Results;

/// <summary>Rows of a list tool; <see cref="More"/> says that more matched than were returned.</summary>
internal sealed record ToolList<T>(IReadOnlyList<T> Items, bool More, string? Note = null);
