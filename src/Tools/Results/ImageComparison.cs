namespace ClinicalAgent.Tools.Results;

/// <summary>A vision model's comparison of a current and a prior image of one patient (<c>compare_images</c>).</summary>
internal sealed record ImageComparison(string Current, string? CurrentDate, string Prior, string? PriorDate, string? Patient, string Question, string Answer, string? Model);
