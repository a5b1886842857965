namespace ClinicalAgent.Fhir.Remote.Auth;

/// <summary>
/// Tokens for a FHIR server on this machine from the local authorization server it hosts (<c>Fhir:Auth:Mode</c>
/// <c>local</c>, or <c>auto</c> on a loopback address). The host registers it; this library knows no authorization server.
/// </summary>
public interface ILocalFhirTokenProvider
{
    /// <summary>A token for <paramref name="fhirBase"/>, or null when that server hosts no local authorization server (then requests go without one).</summary>
    Task<LocalFhirToken?> GetTokenAsync(Uri fhirBase, CancellationToken cancellationToken);
}
