using System.Security.Cryptography;
using ClinicalAgent.Agent.Models;

namespace ClinicalAgent.Agent.Tests.Models;

public sealed class ModelDownloaderTests : IDisposable
{
    private const string Name = "model.gguf";
    private static readonly byte[] Content = RandomBytes(300_000);
    private readonly string _cache = Directory.CreateTempSubdirectory("clinicalagent-models-").FullName;
    private readonly HttpClient _http = new();

    private string Target => Path.Combine(_cache, Name);

    [Fact]
    public async Task DownloadAsync_KnownSizeAndSha_WritesFileAndReportsProgress()
    {
        await using var server = await new LoopbackFileServer(Content).StartAsync();
        var file = new ModelFile(server.UrlOf(Name), Name, Content.Length, Sha256(Content));
        var progress = new ListProgress<DownloadProgress>();

        var path = await Downloader().DownloadAsync(file, progress);

        Assert.Equal(Target, path);
        Assert.Equal(Content, await File.ReadAllBytesAsync(path));
        Assert.False(File.Exists(path + ".part"));
        Assert.Equal(new DownloadProgress(Name, Content.Length, Content.Length), progress.Reports[^1]);
        Assert.Equal(("", ""), Assert.Single(server.Requests));
    }

    [Fact]
    public async Task DownloadAsync_ConnectionDroppedOnce_ResumesWithRangeAndCompletes()
    {
        await using var server = await new LoopbackFileServer(Content) { DropAfterBytes = 100_000 }.StartAsync();
        var file = new ModelFile(server.UrlOf(Name), Name, Content.Length, Sha256(Content));

        var path = await Downloader().DownloadAsync(file);

        Assert.Equal(Content, await File.ReadAllBytesAsync(path));
        var requests = server.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.Equal("", requests[0].Range);
        Assert.Matches(@"^bytes=[1-9]\d*-$", requests[1].Range);
    }

    [Fact]
    public async Task DownloadAsync_PartFromEarlierRun_RequestsOnlyTheRest()
    {
        await using var server = await new LoopbackFileServer(Content).StartAsync();
        await File.WriteAllBytesAsync(Target + ".part", Content[..1234]);

        var path = await Downloader().DownloadAsync(new ModelFile(server.UrlOf(Name), Name, Content.Length, Sha256(Content)));

        Assert.Equal(Content, await File.ReadAllBytesAsync(path));
        Assert.Equal("bytes=1234-", Assert.Single(server.Requests).Range);
    }

    [Fact]
    public async Task DownloadAsync_ServerIgnoresRange_RestartsFromZero()
    {
        await using var server = await new LoopbackFileServer(Content) { SupportsRange = false }.StartAsync();
        await File.WriteAllBytesAsync(Target + ".part", RandomBytes(5000, seed: 9));

        var path = await Downloader().DownloadAsync(new ModelFile(server.UrlOf(Name), Name, Content.Length, Sha256(Content)));

        Assert.Equal(Content, await File.ReadAllBytesAsync(path));
        Assert.Equal("bytes=5000-", Assert.Single(server.Requests).Range);
    }

    [Fact]
    public async Task DownloadAsync_ShaMismatch_ThrowsAndLeavesNoFile()
    {
        await using var server = await new LoopbackFileServer(Content).StartAsync();
        var file = new ModelFile(server.UrlOf(Name), Name, Sha256: new string('0', 64));

        var error = await Assert.ThrowsAsync<ModelDownloadException>(() => Downloader().DownloadAsync(file));

        Assert.Contains("SHA-256", error.Message);
        Assert.False(File.Exists(Target));
        Assert.False(File.Exists(Target + ".part"));
    }

    [Fact]
    public async Task DownloadAsync_SizeMismatch_ThrowsAndLeavesNoFile()
    {
        await using var server = await new LoopbackFileServer(Content).StartAsync();
        var file = new ModelFile(server.UrlOf(Name), Name, Size: Content.Length + 1);

        var error = await Assert.ThrowsAsync<ModelDownloadException>(() => Downloader().DownloadAsync(file));

        Assert.Contains($"expected {Content.Length + 1}", error.Message);
        Assert.False(File.Exists(Target));
        Assert.False(File.Exists(Target + ".part"));
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    public async Task DownloadAsync_Unauthorized_ThrowsGatedMessageNamingHfToken(int status)
    {
        await using var server = await new LoopbackFileServer(Content) { Status = status }.StartAsync();

        var error = await Assert.ThrowsAsync<ModelDownloadException>(() => Downloader().DownloadAsync(ModelFile.FromUrl(server.UrlOf(Name))));

        Assert.Contains("gated", error.Message);
        Assert.Contains("HF_TOKEN", error.Message);
        Assert.Single(server.Requests);
        Assert.False(File.Exists(Target));
    }

    [Fact]
    public async Task DownloadAsync_TokenGiven_SendsBearerHeader()
    {
        await using var server = await new LoopbackFileServer(Content).StartAsync();

        await Downloader(token: "hf_test123").DownloadAsync(ModelFile.FromUrl(server.UrlOf(Name)));

        Assert.Equal("Bearer hf_test123", Assert.Single(server.Requests).Authorization);
    }

    [Fact]
    public async Task DownloadAsync_FileAlreadyCached_SendsNoRequest()
    {
        await using var server = await new LoopbackFileServer(Content).StartAsync();
        await File.WriteAllBytesAsync(Target, Content);

        var path = await Downloader().DownloadAsync(new ModelFile(server.UrlOf(Name), Name, Content.Length));

        Assert.Equal(Target, path);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task DownloadAsync_NewCacheFolder_FileOwnerOnlyInOwnerOnlyFolder()
    {
        if (OperatingSystem.IsWindows())
            return;
        await using var server = await new LoopbackFileServer(Content).StartAsync();
        var cache = Path.Combine(_cache, "data", "models");
        var downloader = new ModelDownloader(_http, new ModelDownloadOptions { CacheDirectory = cache, RetryDelay = TimeSpan.Zero });

        var path = await downloader.DownloadAsync(new ModelFile(server.UrlOf(Name), Name, Content.Length, Sha256(Content)));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(cache));
    }

    public void Dispose()
    {
        _http.Dispose();
        Directory.Delete(_cache, recursive: true);
    }

    private ModelDownloader Downloader(string? token = null) => new(_http, new ModelDownloadOptions
    {
        CacheDirectory = _cache,
        HuggingFaceToken = token,
        RetryDelay = TimeSpan.Zero,
    });

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static byte[] RandomBytes(int length, int seed = 1)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
