using ClinicalAgent.Imaging;

namespace ClinicalAgent.Agent.Vision;

/// <summary>
/// Stands in for MedSigLIP while <c>Vision:MedSigLip:Path</c> is unset, so the tools resolve and list fine and only a
/// classification says, in one line, how to set the model up.
/// </summary>
internal sealed class UnconfiguredImageClassifier : IZeroShotImageClassifier
{
    public const string SetupMessage =
        "MedSigLIP is not set up: set Vision:MedSigLip:Path (or CLINICALAGENT_Vision__MedSigLip__Path) to a folder with "
        + MedSigLipFiles.VisionModelName + ", " + MedSigLipFiles.TextModelName + ", " + MedSigLipFiles.TokenizerName + " and "
        + MedSigLipFiles.ConfigName + "; 'clinicalagent model pull medsiglip' shows how to export them.";

    public string ModelName => "MedSigLIP (not set up)";

    public Task<IReadOnlyList<LabelScore>> ClassifyAsync(ImagePixels image, IReadOnlyList<string> labels, CancellationToken cancellationToken = default) =>
        throw new MedSigLipException(null, SetupMessage);
}
