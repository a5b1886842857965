using ClinicalAgent.Agent.Models.Onnx;
using ClinicalAgent.Imaging;

namespace ClinicalAgent.Agent.Vision;

/// <summary>
/// Validates a MedSigLIP folder as <c>model pull medsiglip --path</c> and <c>model info</c> do: all four files present,
/// both ONNX headers readable, the encoders load with the inputs and outputs the classifier expects, the tokenizer
/// loads, and one probe run of each tower gives embeddings of the same size.
/// </summary>
public static class MedSigLipCheck
{
    /// <exception cref="MedSigLipException">Anything missing or wrong, in one line naming the file(s).</exception>
    public static MedSigLipSummary Run(string folder, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var files = MedSigLipFiles.In(folder);
        if (!Directory.Exists(files.Folder))
            throw new MedSigLipException(files.Folder, $"MedSigLIP folder {files.Folder} does not exist.");
        var missing = files.All.Where(f => !File.Exists(f)).Select(Path.GetFileName).ToList();
        if (missing.Count > 0)
            throw new MedSigLipException(files.Folder, $"MedSigLIP folder {files.Folder} lacks {string.Join(", ", missing)} (run 'clinicalagent model pull medsiglip' for the export steps).");
        var vision = Header(files.VisionModel, "vision model");
        var text = Header(files.TextModel, "text model");
        using var classifier = new MedSigLipClassifier(files.Folder);
        var gray = new byte[classifier.ImageSize * classifier.ImageSize * 3];
        Array.Fill(gray, (byte)128);
        var imageDim = classifier.EmbedImage(new ImagePixels(classifier.ImageSize, classifier.ImageSize, gray), cancellationToken).Length;
        var textDim = classifier.EmbedLabels(["a chest x-ray"], cancellationToken)[0].Length;
        if (imageDim != textDim)
            throw new MedSigLipException(files.TextModel, $"MedSigLIP text model {files.TextModel} embeds in {textDim} dimensions but the vision model {files.VisionModel} in {imageDim}; export both from the same checkpoint.");
        return new MedSigLipSummary(files.Folder, classifier.ModelName, vision, text, new FileInfo(files.Tokenizer).Length,
            classifier.VocabularySize, classifier.ImageSize, classifier.MaxTextTokens, imageDim, classifier.Config);
    }

    private static OnnxModelSummary Header(string path, string role)
    {
        try
        {
            return OnnxModelReader.Read(path);
        }
        catch (InvalidDataException e)
        {
            throw new MedSigLipException(path, $"MedSigLIP {role}: {e.Message}", e);
        }
    }
}
