using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using LLama.Native;

namespace ClinicalAgent.Agent.Runtime.Local.PrefixCaching;

/// <summary>
/// What a cached prefix state is valid for: the model and context settings that shape its KV (<paramref name="Settings"/>,
/// see <see cref="PrefixCacheSettings"/>) and the exact tokens evaluated. Any change of either is another file.
/// </summary>
/// <param name="Settings">The canonical description of model file and KV-shaping settings.</param>
/// <param name="Tokens">The prefix's tokens, BOS first.</param>
internal sealed record PrefixCacheKey(string Settings, LLamaToken[] Tokens)
{
    /// <summary>The file extension of cache entries.</summary>
    public const string Extension = ".kvprefix";

    /// <summary>The entry's file name: a SHA-256 of settings and tokens, so nothing of the prompt shows in the name.</summary>
    public string FileName => Name(Settings, Tokens);

    /// <summary>The key of the first <paramref name="count"/> tokens of <paramref name="tokens"/>.</summary>
    public static PrefixCacheKey For(string settings, IReadOnlyList<LLamaToken> tokens, int count)
    {
        var prefix = new LLamaToken[count];
        for (var i = 0; i < count; i++)
            prefix[i] = tokens[i];
        return new PrefixCacheKey(settings, prefix);
    }

    /// <summary>Whether <paramref name="tokens"/> starts with this key's tokens.</summary>
    public bool Prefixes(IReadOnlyList<LLamaToken> tokens)
    {
        if (tokens.Count < Tokens.Length)
            return false;
        for (var i = 0; i < Tokens.Length; i++)
        {
            if (tokens[i] != Tokens[i])
                return false;
        }

        return true;
    }

    private static string Name(string settings, LLamaToken[] tokens)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(settings));
        hash.AppendData(MemoryMarshal.AsBytes(tokens.AsSpan()));
        return Convert.ToHexStringLower(hash.GetHashAndReset()) + Extension;
    }

    public bool Equals(PrefixCacheKey? other) =>
        other is not null && Settings == other.Settings && Tokens.AsSpan().SequenceEqual(other.Tokens);

    public override int GetHashCode() => HashCode.Combine(Settings, Tokens.Length, Tokens.Length > 0 ? Tokens[^1] : default);
}
