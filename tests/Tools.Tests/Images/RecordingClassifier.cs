using ClinicalAgent.Imaging;

namespace ClinicalAgent.Tools.Tests.Images;

/// <summary>A zero-shot classifier stand-in: records the pixels and labels it got and scores label i as (i + 1) / 100.</summary>
internal sealed class RecordingClassifier : IZeroShotImageClassifier
{
    public string ModelName => "fake-siglip";

    public ImagePixels? Image { get; private set; }

    public IReadOnlyList<string>? Labels { get; private set; }

    public Task<IReadOnlyList<LabelScore>> ClassifyAsync(ImagePixels image, IReadOnlyList<string> labels, CancellationToken cancellationToken = default)
    {
        Image = image;
        Labels = [.. labels];
        IReadOnlyList<LabelScore> scores = [.. labels.Select((l, i) => new LabelScore(l, (i + 1) / 100.0, i - 5.0))];
        return Task.FromResult(scores);
    }
}
