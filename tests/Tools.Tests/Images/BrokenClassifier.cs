using ClinicalAgent.Imaging;

namespace ClinicalAgent.Tools.Tests.Images;

/// <summary>A classifier whose model files are broken: every call fails as MedSigLIP does, with a one-line fix.</summary>
internal sealed class BrokenClassifier(string message) : IZeroShotImageClassifier
{
    public string ModelName => "broken-siglip";

    public Task<IReadOnlyList<LabelScore>> ClassifyAsync(ImagePixels image, IReadOnlyList<string> labels, CancellationToken cancellationToken = default) =>
        throw new ImageModelException(message);
}
