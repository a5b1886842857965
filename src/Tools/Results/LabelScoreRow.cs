namespace ClinicalAgent.Tools.Results;

/// <summary>One label's score in [0, 1], rounded for the model.</summary>
internal sealed record LabelScoreRow(string Label, double Score);
