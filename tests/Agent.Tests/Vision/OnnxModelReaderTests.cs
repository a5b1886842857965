using ClinicalAgent.Agent.Models;
using ClinicalAgent.Agent.Models.Onnx;
using ClinicalAgent.Agent.Vision;

namespace ClinicalAgent.Agent.Tests.Vision;

public sealed class OnnxModelReaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-onnx-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Read_TinyVisionModel_GivesOpsetShapesAndParameters()
    {
        TinySigLipModel.Write(_folder, imageSize: 8);

        var summary = OnnxModelReader.Read(Path.Combine(_folder, MedSigLipFiles.VisionModelName));

        Assert.Equal(8, summary.IrVersion);
        Assert.Equal(17, summary.Opset);
        Assert.Equal("clinicalagent 1", summary.Producer);
        Assert.Equal("pixel_values float [batch, 3, 8, 8]", Assert.Single(summary.Inputs).ToString());
        Assert.Equal("image_embeds float [batch, 4]", Assert.Single(summary.Outputs).ToString());
        Assert.Equal(3 * 8 * 8 * TinySigLipModel.EmbeddingDim, summary.ParameterCount);
        Assert.False(summary.HasExternalData);
    }

    [Fact]
    public void Read_TinyTextModel_CountsBothInitializers()
    {
        var weights = TinySigLipModel.Create();
        weights.Save(_folder);

        var summary = OnnxModelReader.Read(Path.Combine(_folder, MedSigLipFiles.TextModelName));

        Assert.Equal("input_ids int64 [batch, 16]", Assert.Single(summary.Inputs).ToString());
        Assert.Equal(2, summary.InitializerCount);
        Assert.Equal(weights.TokenEmbedding.Length + weights.TextProjection.Length, summary.ParameterCount);
    }

    [Fact]
    public void Read_TruncatedModel_FailsNamingFile()
    {
        TinySigLipModel.Write(_folder);
        var path = Path.Combine(_folder, MedSigLipFiles.VisionModelName);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<InvalidDataException>(() => OnnxModelReader.Read(path));

        Assert.StartsWith($"{path} is not an ONNX model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TextFile_FailsNamingFile()
    {
        var path = Path.Combine(_folder, "notes.onnx");
        File.WriteAllText(path, "this is not a model\n");

        var error = Assert.Throws<InvalidDataException>(() => OnnxModelReader.Read(path));

        Assert.StartsWith($"{path} is not an ONNX model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EveryTruncationAndByteFlip_ReadsOrFailsCleanly()
    {
        TinySigLipModel.Write(_folder);
        var original = File.ReadAllBytes(Path.Combine(_folder, MedSigLipFiles.TextModelName));
        const string path = "mutated.onnx";
        var failures = 0;

        for (var i = 1; i < original.Length; i++)
        {
            var mutated = i % 2 == 0 ? original[..i] : (byte[])original.Clone();
            if (i % 2 == 1)
                mutated[i] ^= 0xA5;
            try
            {
                OnnxModelReader.Read(new MemoryStream(mutated), path);
            }
            catch (InvalidDataException e)
            {
                Assert.Contains(path, e.Message, StringComparison.Ordinal);
                failures++;
            }
        }

        Assert.True(failures > original.Length / 4, $"only {failures} of {original.Length} mutations were noticed");
    }
}
