using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace ClinicalAgent.Agent.Models;

/// <summary>
/// Fetches model files into the cache: into <c>&lt;file&gt;.part</c> first, resuming that with a Range request
/// after a dropped connection or an earlier run, checking size and SHA-256 when known, then renaming, so the
/// cache never holds a half file under the final name.
/// </summary>
public sealed class ModelDownloader(HttpClient http, ModelDownloadOptions? options = null)
{
    private const int BufferSize = 1 << 20;

    private readonly ModelDownloadOptions _options = options ?? new ModelDownloadOptions();

    public string CacheDirectory => _options.CacheDirectory;

    /// <summary>The path a file has, or will have, in the cache.</summary>
    public string PathOf(ModelFile file) => Path.Combine(_options.CacheDirectory, file.FileName);

    /// <summary>Downloads <paramref name="file"/> unless the cache has it already; returns its path.</summary>
    public async Task<string> DownloadAsync(ModelFile file, IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        OwnerOnlyFile.CreateFolder(_options.CacheDirectory);
        var target = PathOf(file);
        if (File.Exists(target) && (file.Size is null || new FileInfo(target).Length == file.Size))
        {
            var length = new FileInfo(target).Length;
            progress?.Report(new DownloadProgress(file.FileName, length, length));
            return target;
        }

        var part = target + ".part";
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await TransferAsync(file, part, progress, cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (Exception ex) when (ex is (IOException or HttpRequestException) and not ModelDownloadException
                && attempt < _options.MaxAttempts && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(_options.RetryDelay, cancellationToken).ConfigureAwait(false);
            }
        }

        await VerifyAsync(file, part, cancellationToken).ConfigureAwait(false);
        File.Move(part, target, overwrite: true);
        return target;
    }

    private async Task TransferAsync(ModelFile file, string part, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        var existing = File.Exists(part) ? new FileInfo(part).Length : 0;
        using var request = new HttpRequestMessage(HttpMethod.Get, file.Url);
        if (_options.HuggingFaceToken is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (existing > 0)
        {
            request.Headers.Range = new RangeHeaderValue(existing, null);
        }

        using var response = await SendAsync(file, request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && existing > 0)
        {
            // The .part is already whole (or longer than the file now is): let verification decide, or start over.
            if (response.Content.Headers.ContentRange?.Length == existing || file.Size == existing)
            {
                return;
            }

            File.Delete(part);
            throw new IOException($"{file.Url} refused to resume at byte {existing}; starting over.");
        }

        ThrowIfRefused(file, response);
        // 206 continues the .part; a 200 means the server ignored Range and sends the whole file from byte 0.
        var resume = response.StatusCode == HttpStatusCode.PartialContent && existing > 0
            && response.Content.Headers.ContentRange?.From == existing;
        if (response.StatusCode == HttpStatusCode.PartialContent && !resume)
        {
            File.Delete(part);
            throw new IOException($"{file.Url} answered a Range request for byte {existing} with another range; starting over.");
        }

        var received = resume ? existing : 0;
        var total = file.Size
            ?? (resume ? response.Content.Headers.ContentRange?.Length : null)
            ?? (response.Content.Headers.ContentLength is { } length ? received + length : null);

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var output = OwnerOnlyFile.OpenWrite(part, resume, BufferSize);
        var buffer = new byte[BufferSize];
        var reported = received;
        progress?.Report(new DownloadProgress(file.FileName, received, total));
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            received += read;
            // Progress at most every 4 MB: a 2.5 GB download would otherwise post thousands of updates.
            if (received - reported >= 4 * BufferSize)
            {
                reported = received;
                progress?.Report(new DownloadProgress(file.FileName, received, total));
            }
        }

        progress?.Report(new DownloadProgress(file.FileName, received, total ?? received));
    }

    private async Task<HttpResponseMessage> SendAsync(ModelFile file, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            // HttpClient's message names the host but not the file; an IOException keeps it retryable.
            throw new IOException($"Could not fetch {file.Url}: {ex.Message}", ex);
        }
    }

    private void ThrowIfRefused(ModelFile file, HttpResponseMessage response)
    {
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            var hint = _options.HuggingFaceToken is null
                ? $"the repository is gated or private: accept the model's terms on huggingface.co, then set {ModelDownloadOptions.TokenVariable} to an access token."
                : $"the repository is gated or private and the token in {ModelDownloadOptions.TokenVariable} was refused: check that it is valid and that its account accepted the model's terms.";
            throw new ModelDownloadException($"{file.Url} answered {(int)response.StatusCode} {response.ReasonPhrase}: {hint}");
        }

        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new ModelDownloadException($"{file.Url} answered 404 Not Found: check the repository and file name.");
        }

        if ((int)response.StatusCode >= 500)
        {
            // Worth another try: a retryable IOException rather than a ModelDownloadException.
            throw new IOException($"{file.Url} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new ModelDownloadException($"{file.Url} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        }
    }

    private static async Task VerifyAsync(ModelFile file, string part, CancellationToken cancellationToken)
    {
        var length = new FileInfo(part).Length;
        if (file.Size is { } size && length != size)
        {
            File.Delete(part);
            throw new ModelDownloadException($"{file.FileName} from {file.Url} has {length} bytes, expected {size}; the partial file was deleted.");
        }

        if (file.Sha256 is { } expected)
        {
            string actual;
            await using (var stream = new FileStream(part, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true))
            {
                actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
            }

            if (!string.Equals(actual, expected.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                File.Delete(part);
                throw new ModelDownloadException($"{file.FileName} from {file.Url} has SHA-256 {actual}, expected {expected}; the download was deleted.");
            }
        }
    }
}
