namespace ClinicalAgent.Web;

/// <summary>The app's registration with another EHR (<c>Web:RemoteClients:N:*</c>), for SMART launches from it.</summary>
public sealed class RemoteClientOptions
{
    /// <summary>The EHR's FHIR base URL, as it sends it in <c>iss</c> (compared without a trailing slash, case-insensitively).</summary>
    public string Issuer { get; set; } = "";

    /// <summary>The client id the EHR registered the app under.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>
    /// The environment variable holding the client secret of a confidential symmetric client (sent as HTTP Basic,
    /// <c>client_secret_basic</c>); unset: a public client (PKCE only). A secret is never read from a settings file.
    /// </summary>
    public string? ClientSecretVariable { get; set; }

    /// <summary>The redirect URI registered with the EHR; unset: <c>/app/callback</c> on the address the launch came to.</summary>
    public string? RedirectUri { get; set; }

    /// <summary>The scopes to ask this EHR for; unset: <see cref="WebAppOptions.RemoteScopes"/>.</summary>
    public string? Scopes { get; set; }
}
