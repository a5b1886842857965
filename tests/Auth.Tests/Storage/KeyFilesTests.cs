using ClinicalAgent.Auth.Storage;

namespace ClinicalAgent.Auth.Tests.Storage;

public sealed class KeyFilesTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ca-keyfiles-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task SymmetricKey_ManyFirstStartsAtOnce_AllGetTheOneKeyWritten()
    {
        var path = Path.Combine(_folder, "keys", "data.key");
        using var start = new ManualResetEventSlim();

        var readers = Enumerable.Range(0, 16).Select(_ => Task.Run(() =>
        {
            start.Wait();
            return Convert.ToBase64String(KeyFiles.SymmetricKey(path));
        })).ToArray();
        start.Set();
        var keys = await Task.WhenAll(readers);

        Assert.Single(keys.Distinct(StringComparer.Ordinal));
        Assert.Equal(keys[0], File.ReadAllText(path).Trim());
    }

    [Fact]
    public void RsaKey_FileHeldByAnotherOpener_WaitsForItInsteadOfFailing()
    {
        var path = Path.Combine(_folder, "signing.pem");
        var first = KeyFiles.RsaKey(path).ExportRSAPublicKeyPem();
        var holder = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        using var release = new Timer(_ => holder.Dispose(), null, 200, Timeout.Infinite);

        var again = KeyFiles.RsaKey(path).ExportRSAPublicKeyPem();

        Assert.Equal(first, again);
    }
}
