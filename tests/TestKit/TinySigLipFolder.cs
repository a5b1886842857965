using ClinicalAgent.Agent.Models;

namespace ClinicalAgent.TestKit;

/// <summary>
/// A temporary folder holding the tiny random-weight MedSigLIP (<see cref="TinySigLipModel"/>): point
/// <c>Vision:MedSigLip:Path</c> at <see cref="Path"/> to run the real ONNX Runtime and tokenizer path.
/// </summary>
public sealed class TinySigLipFolder : IDisposable
{
    public TinySigLipFolder(int seed = 1, int imageSize = TinySigLipModel.DefaultImageSize)
    {
        Path = Directory.CreateTempSubdirectory("clinicalagent-tinysiglip-").FullName;
        TinySigLipModel.Write(Path, seed, imageSize);
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
