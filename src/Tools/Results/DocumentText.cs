namespace ClinicalAgent.Tools.Results;

/// <summary>A document's text, cut at the configured length when <see cref="Truncated"/>.</summary>
internal sealed record DocumentText(string Id, string? Date, string? Type, string? Title, string Text, bool Truncated, int Length);
