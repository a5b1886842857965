using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace ClinicalAgent.Tools.Writes;

/// <summary>
/// The idempotency identifier every written resource carries, so a repeated call (a retried turn, a model that
/// calls twice) finds the first write instead of duplicating it.
/// </summary>
public static partial class Idempotency
{
    /// <summary>The identifier system of the key.</summary>
    public const string System = "urn:clinicalagent:idempotency";

    /// <summary>A stable key from the tool and its normalized arguments (trimmed, lower case, nulls empty).</summary>
    public static string KeyFor(string tool, params string?[] arguments)
    {
        var text = tool + "\n" + string.Join("\n", arguments.Select(a => (a ?? "").Trim().ToLowerInvariant()));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }

    /// <summary>The caller's key when given (checked to be search-safe), else <paramref name="computed"/>.</summary>
    public static string Choose(string? requested, string computed)
    {
        if (string.IsNullOrWhiteSpace(requested))
        {
            return computed;
        }

        var key = requested.Trim();
        return SafeKey().IsMatch(key)
            ? key
            : throw new ToolArgumentException("idempotency_key may hold only letters, digits, '.', '_', ':' and '-' (at most 128).");
    }

    /// <summary>The conditional-create search that finds an earlier write with <paramref name="key"/>.</summary>
    public static string Condition(string key) => $"identifier={System}|{key}";

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,128}$")]
    private static partial Regex SafeKey();
}
