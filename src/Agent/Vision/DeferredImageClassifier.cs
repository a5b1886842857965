using ClinicalAgent.Imaging;

namespace ClinicalAgent.Agent.Vision;

/// <summary>
/// The configured MedSigLIP, loaded at the first classification rather than when a tool is built, so a broken
/// folder fails that call (with the file named) instead of every command that builds the toolbox.
/// </summary>
internal sealed class DeferredImageClassifier(string folder, Func<MedSigLipClassifier> load) : IZeroShotImageClassifier
{
    /// <summary>The same name the loaded classifier gives, so a citation does not change once it has loaded.</summary>
    public string ModelName { get; } = Name(MedSigLipFiles.In(folder));

    public Task<IReadOnlyList<LabelScore>> ClassifyAsync(ImagePixels image, IReadOnlyList<string> labels, CancellationToken cancellationToken = default) =>
        load().ClassifyAsync(image, labels, cancellationToken);

    private static string Name(MedSigLipFiles files)
    {
        try
        {
            return files.ModelName(MedSigLipConfig.Read(files.Config).Model);
        }
        catch (MedSigLipException)
        {
            // The classification will report the config's fault; the name need not.
            return files.ModelName(null);
        }
    }
}
