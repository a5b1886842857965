namespace ClinicalAgent.Evaluation.Reporting;

/// <summary>One section of a report as a titled table, rendered by both the Markdown and the HTML writer.</summary>
internal sealed record ReportTable(string Title, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows, string? Note = null);
