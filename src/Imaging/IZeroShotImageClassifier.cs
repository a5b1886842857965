namespace ClinicalAgent.Imaging;

/// <summary>
/// Scores free-text labels against one image, each label on its own (SigLIP-style: a sigmoid per label, so the
/// scores do not sum to one). The MedSigLIP implementation over ONNX Runtime lives with the model runtime; tools
/// see only this.
/// </summary>
public interface IZeroShotImageClassifier
{
    /// <summary>The model's name and files as a user would recognise them, for citations and errors.</summary>
    string ModelName { get; }

    /// <summary>One score in [0, 1] per label, in the labels' order.</summary>
    Task<IReadOnlyList<LabelScore>> ClassifyAsync(ImagePixels image, IReadOnlyList<string> labels, CancellationToken cancellationToken = default);
}
