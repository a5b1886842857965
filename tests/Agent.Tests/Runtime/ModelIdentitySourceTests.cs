using System.Security.Cryptography;
using ClinicalAgent.Agent.Runtime;

namespace ClinicalAgent.Agent.Tests.Runtime;

public sealed class ModelIdentitySourceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-identity-").FullName;

    [Fact]
    public async Task DescribeAsync_LocalFile_NamesFileAndItsSha256()
    {
        var path = Path.Combine(_folder, "medgemma-4b-it-Q4_K_M.gguf");
        var bytes = new byte[3 << 20];
        new Random(7).NextBytes(bytes);
        await File.WriteAllBytesAsync(path, bytes);
        var source = ModelIdentitySource.ForFile(() => path);

        var identity = await source.DescribeAsync();

        Assert.Equal("medgemma-4b-it-Q4_K_M", identity.Name);
        Assert.Equal($"sha256:{Convert.ToHexStringLower(SHA256.HashData(bytes))}", identity.Version);
    }

    [Fact]
    public async Task DescribeAsync_NoModelFile_NamedWithoutVersion()
    {
        var source = ModelIdentitySource.ForFile(() => Path.Combine(_folder, "missing.gguf"));

        var identity = await source.DescribeAsync();

        Assert.Equal(("missing", null), (identity.Name, identity.Version));
    }

    [Fact]
    public async Task DescribeAsync_OpenAIEndpoint_NamesModelAndEndpoint()
    {
        var source = ModelIdentitySource.ForEndpoint("medgemma-27b", new Uri("http://gpu-box:8000/v1"));

        var identity = await source.DescribeAsync();

        Assert.Equal(("medgemma-27b", "http://gpu-box:8000/v1"), (identity.Name, identity.Version));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
