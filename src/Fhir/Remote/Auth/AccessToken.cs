namespace ClinicalAgent.Fhir.Remote.Auth;

/// <summary>
/// A bearer token and when to stop using it. Not a record, on purpose: a record's generated <c>ToString</c> would
/// print the token into any log or exception that formats it.
/// </summary>
internal sealed class AccessToken(string value, DateTimeOffset renewAt)
{
    /// <summary>The token, for the <c>Authorization</c> header only.</summary>
    public string Value { get; } = value;

    /// <summary>From when a new token is fetched instead (before the real expiry); <see cref="DateTimeOffset.MaxValue"/> for a static one.</summary>
    public DateTimeOffset RenewAt { get; } = renewAt;

    public override string ToString() => $"access token (renew at {RenewAt:O})";
}
