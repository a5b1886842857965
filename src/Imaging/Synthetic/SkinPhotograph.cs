namespace ClinicalAgent.Imaging.Synthetic;

/// <summary>A procedural clinical photograph of a skin lesion, with where the lesion was drawn.</summary>
/// <param name="Pixels">The photograph.</param>
/// <param name="Lesion">What was drawn.</param>
/// <param name="CentreX">The lesion centre's column.</param>
/// <param name="CentreY">Its row.</param>
/// <param name="MinRadius">The lesion border's smallest distance from its centre.</param>
/// <param name="MaxRadius">Its largest; a round nevus has the two close, a suspicious lesion far apart.</param>
public sealed record SkinPhotograph(ImagePixels Pixels, SkinLesion Lesion, int CentreX, int CentreY, int MinRadius, int MaxRadius);
