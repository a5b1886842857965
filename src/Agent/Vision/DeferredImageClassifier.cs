using ClinicalAgent.Imaging;

namespace ClinicalAgent.Agent.Vision;

/// <summary>
/// The configured MedSigLIP, loaded at the first classification rather than when a tool is built, so a broken
/// folder fails that call (with the file named) instead of every command that builds the toolbox.
/// </summary>
internal sealed class DeferredImageClassifier(string folder, Func<MedSigLipClassifier> load) : IZeroShotImageClassifier
{
    public string ModelName => $"MedSigLIP ({Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)))}, ONNX)";

    public Task<IReadOnlyList<LabelScore>> ClassifyAsync(ImagePixels image, IReadOnlyList<string> labels, CancellationToken cancellationToken = default) =>
        load().ClassifyAsync(image, labels, cancellationToken);
}
