namespace ClinicalAgent.Tools.Results;

/// <summary>A vision model's answer about one image (<c>describe_image</c>), citing the image and its patient.</summary>
internal sealed record ImageAnswer(string Image, string? Patient, string? Date, string? Modality, string Question, string Answer, string? Model);
