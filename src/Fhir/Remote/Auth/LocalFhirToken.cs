namespace ClinicalAgent.Fhir.Remote.Auth;

/// <summary>A token from <see cref="ILocalFhirTokenProvider"/>. Not a record: a generated <c>ToString</c> would print the token.</summary>
public sealed class LocalFhirToken(string value, DateTimeOffset expires)
{
    public string Value { get; } = value;

    public DateTimeOffset Expires { get; } = expires;

    public override string ToString() => $"local access token (expires {Expires:O})";
}
