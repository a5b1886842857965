namespace ClinicalAgent.Auth.Storage;

/// <summary>A client assertion already presented (its client and <c>jti</c>), kept until it expires so it cannot be replayed.</summary>
internal sealed class UsedAssertion
{
    public required string ClientId { get; set; }

    public required string JwtId { get; set; }

    /// <summary>Unix seconds (SQLite compares integers, not offsets).</summary>
    public long ExpiresAt { get; set; }
}
