namespace ClinicalAgent.Imaging;

/// <summary>A label's zero-shot score: the sigmoid of the scaled image–text cosine plus bias, and the logit itself.</summary>
public sealed record LabelScore(string Label, double Score, double Logit);
