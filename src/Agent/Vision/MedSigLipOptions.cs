namespace ClinicalAgent.Agent.Vision;

/// <summary>Where MedSigLIP's exported encoders are (<c>Vision:MedSigLip</c>); unset means no zero-shot classifier.</summary>
public sealed class MedSigLipOptions
{
    public const string SectionName = "Vision:MedSigLip";

    /// <summary>A folder holding <see cref="MedSigLipFiles.VisionModelName"/>, <see cref="MedSigLipFiles.TextModelName"/>,
    /// <see cref="MedSigLipFiles.TokenizerName"/> and <see cref="MedSigLipFiles.ConfigName"/> (<c>model pull medsiglip</c> explains the export).</summary>
    public string? Path { get; set; }

    /// <summary>ONNX Runtime's intra-op threads per encoder run; 0 lets ONNX Runtime choose (one per physical core).</summary>
    public int IntraOpThreads { get; set; }
}
