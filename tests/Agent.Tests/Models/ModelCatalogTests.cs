using ClinicalAgent.Agent.Models;

namespace ClinicalAgent.Agent.Tests.Models;

public sealed class ModelCatalogTests
{
    [Fact]
    public void Resolve_Null_ReturnsMedGemmaWithProjector()
    {
        var entry = ModelCatalog.Resolve(null);

        Assert.Equal("medgemma-4b-it", entry.Name);
        Assert.EndsWith("Q4_K_M.gguf", entry.Model.Url);
        Assert.Contains("mmproj", entry.Projector!.Url);
        Assert.NotEqual(entry.Model.FileName, entry.Projector.FileName);
    }

    [Fact]
    public void Resolve_NameBarUrl_UsesNameAndUrlsFileName()
    {
        var entry = ModelCatalog.Resolve("mine|https://example.org/repo/resolve/main/my-model-Q8_0.gguf");

        Assert.Equal("mine", entry.Name);
        Assert.Equal("my-model-Q8_0.gguf", entry.Model.FileName);
        Assert.Null(entry.Projector);
    }

    [Fact]
    public void Resolve_UnknownName_ThrowsListingKnownNames()
    {
        var error = Assert.Throws<ArgumentException>(() => ModelCatalog.Resolve("gpt-17"));

        Assert.Contains("medgemma-4b-it", error.Message);
    }
}
