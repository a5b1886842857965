namespace ClinicalAgent.Fhir.Remote.Auth;

/// <summary>
/// The bearer token of one signed-in person at a FHIR server (a SMART app's session), as opposed to the process-wide
/// sources of <c>Fhir:Auth:*</c>: the web app holds one per session and hands it to <see cref="UserTokenHandler"/>.
/// </summary>
public interface IUserAccessToken
{
    /// <summary>The token to send now (renewed first where it is known to have expired and a renewal is possible); null when there is none.</summary>
    ValueTask<string?> GetAsync(CancellationToken cancellationToken);

    /// <summary>The server refused <paramref name="refused"/>: renews it (a refresh token) and says whether a different token is now available.</summary>
    ValueTask<bool> RenewAsync(string refused, CancellationToken cancellationToken);

    /// <summary>The server refused the token for good (401 after any renewal): the person has to sign in again.</summary>
    void Refused();
}
