using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace ClinicalAgent.Agent.Runtime;

/// <summary>
/// Names the configured chat model: a local GGUF by its file name and SHA-256 (hashed once per file, size and time
/// in this process; multi-gigabyte files take seconds), an OpenAI-compatible model by its name and endpoint.
/// </summary>
public sealed class ModelIdentitySource
{
    private static readonly ConcurrentDictionary<(string Path, long Length, DateTime Written), Lazy<Task<string>>> Hashes = new();
    private readonly Func<CancellationToken, Task<ModelIdentity>> _describe;

    private ModelIdentitySource(Func<CancellationToken, Task<ModelIdentity>> describe) => _describe = describe;

    /// <summary>A local GGUF at <paramref name="modelPath"/> (read when first described, so a later-set path counts).</summary>
    public static ModelIdentitySource ForFile(Func<string?> modelPath) => new(ct => DescribeFileAsync(modelPath(), ct));

    /// <summary>A model served at an OpenAI-compatible <paramref name="endpoint"/>.</summary>
    public static ModelIdentitySource ForEndpoint(string name, Uri endpoint) =>
        new(_ => Task.FromResult(new ModelIdentity(name, endpoint.ToString())));

    /// <summary>The model as configured now.</summary>
    public Task<ModelIdentity> DescribeAsync(CancellationToken cancellationToken = default) => _describe(cancellationToken);

    private static async Task<ModelIdentity> DescribeFileAsync(string? path, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
            return new ModelIdentity(string.IsNullOrWhiteSpace(path) ? "unconfigured local model" : Path.GetFileNameWithoutExtension(path), null);
        var file = new FileInfo(Path.GetFullPath(path));
        var hash = Hashes.GetOrAdd((file.FullName, file.Length, file.LastWriteTimeUtc), key => new Lazy<Task<string>>(() => HashAsync(key.Path)));
        var sha256 = await hash.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new ModelIdentity(Path.GetFileNameWithoutExtension(file.Name), $"sha256:{sha256}");
    }

    // Not cancellable on purpose: the hash is shared by every caller that waits for it.
    private static async Task<string> HashAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream).ConfigureAwait(false));
    }
}
