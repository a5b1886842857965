using ClinicalAgent.Agent.Runtime.Local;

namespace ClinicalAgent.Agent.Tests.Runtime;

[Collection(TinyModelCollection.Name)]
public sealed class LocalModelTests(TinyModelFixture model) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-localmodel-").FullName;

    [Fact]
    public void Constructor_MissingFile_ThrowsNamingTheFile()
    {
        var path = Path.Combine(_folder, "absent.gguf");

        var error = Assert.Throws<ModelLoadException>(() => LocalRuntime.Load(path));

        Assert.Equal(path, error.FilePath);
        Assert.Contains(path, error.Message);
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public void Constructor_NotGguf_ThrowsNamingTheFile()
    {
        var path = Path.Combine(_folder, "notes.gguf");
        File.WriteAllText(path, "these are not model weights");

        var error = Assert.Throws<ModelLoadException>(() => LocalRuntime.Load(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("not a GGUF file", error.Message);
    }

    [Fact]
    public void Constructor_TruncatedGguf_ThrowsNamingTheFile()
    {
        var path = Path.Combine(_folder, "truncated.gguf");
        var bytes = File.ReadAllBytes(model.ModelPath);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 3)]);

        var error = Assert.Throws<ModelLoadException>(() => LocalRuntime.Load(path));

        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Constructor_TinyModel_ReportsFileNameAsModelId()
    {
        using var local = LocalRuntime.Load(model.ModelPath);

        Assert.Equal(Path.GetFileName(model.ModelPath), local.ModelId);
        Assert.Equal(0, local.CachedConversations);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
