namespace ClinicalAgent.Tools.Results;

/// <summary>
/// Zero-shot label scores for one image (<c>classify_image</c>), in the labels' order, with the model that scored them
/// and a note on how to read them (independent sigmoids, not a distribution).
/// </summary>
internal sealed record ImageScores(string Image, string? Patient, string Model, IReadOnlyList<LabelScoreRow> Scores, string Note);
