using ClinicalAgent.Fhir.Storage;

namespace ClinicalAgent.Auth;

/// <summary>
/// The local authorization server (configuration section <c>Auth:Server</c>): where its state lives, the issuer it
/// names in tokens, the audience tokens get by default, and how long they live.
/// </summary>
public sealed class LocalAuthorizationServerOptions
{
    public const string SectionName = "Auth:Server";

    /// <summary>The path the server is mapped under on any host (<c>/auth/connect/token</c>).</summary>
    public const string PathBase = "/auth";

    /// <summary>The folder of the client database and the keys (created 0700, files 0600); default <c>auth</c> beside the default store.</summary>
    public string Folder { get; set; } = DefaultFolder();

    /// <summary>The <c>iss</c> of every token: a URL whose path ends in <c>/auth</c>, the path the server is mapped under.</summary>
    public string Issuer { get; set; } = "http://127.0.0.1:8080/auth";

    /// <summary>The <c>aud</c> of a token whose request names none (<c>aud</c> or <c>resource</c>): the FHIR base URL.</summary>
    public string Audience { get; set; } = "http://127.0.0.1:8080/fhir";

    /// <summary>How long an access token is valid.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a sign-in link may wait before it is opened (once).</summary>
    public TimeSpan SignInLinkLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a signed-in browser stays signed in.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>The longest a client assertion may live (<c>exp</c> − now), as SMART Backend Services requires.</summary>
    public TimeSpan MaxAssertionLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary><c>auth</c> in the folder of the default store (<c>~/.local/share/clinicalagent/auth</c>, or beside <c>$CLINICALAGENT_DB</c>).</summary>
    public static string DefaultFolder() =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(FhirStoreOptions.DefaultDatabasePath()))!, "auth");
}
