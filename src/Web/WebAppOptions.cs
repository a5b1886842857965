namespace ClinicalAgent.Web;

/// <summary>The clinician web app (configuration section <c>Web</c>).</summary>
public sealed class WebAppOptions
{
    public const string SectionName = "Web";

    /// <summary>The client id the app is registered under with the local authorization server (a public SMART app).</summary>
    public string ClientId { get; set; } = "clinicalagent-web";

    /// <summary>The scopes the app asks for when a person signs in through the local authorization server.</summary>
    public string Scopes { get; set; } = "openid fhirUser user/*.cruds clinicalagent/workflows clinicalagent/approve";

    /// <summary>The scopes of a SMART launch (EHR launch; a standalone launch asks for <c>launch/patient</c> instead of <c>launch</c>).</summary>
    public string LaunchScopes { get; set; } = "launch openid fhirUser patient/*.rs user/*.cruds clinicalagent/approve";

    /// <summary>
    /// The scopes of a launch from another EHR (<see cref="RemoteClients"/>) whose entry names none: the launch context,
    /// the person, reads of the patient in context and of what the person may see, and creates (the approved writes).
    /// </summary>
    public string RemoteScopes { get; set; } = "launch openid fhirUser patient/*.rs user/*.cruds";

    /// <summary>
    /// The other EHRs the app may be launched from, each with the client id it is registered under there. A launch whose
    /// <c>iss</c> is neither this server nor listed here is refused (the app never calls a FHIR server it was not told to trust).
    /// </summary>
    public IList<RemoteClientOptions> RemoteClients { get; } = [];

    /// <summary>How long a web session lasts without signing in again.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How long a sign-in may take from the redirect to the authorization server until its callback.</summary>
    public TimeSpan SignInLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The folder whose subfolders are benchmark run folders (<c>bench run --out</c>); unset: no reports page content.</summary>
    public string? BenchmarkFolder { get; set; }

    /// <summary>The longer side of an image shown inline, in pixels.</summary>
    public int ImageSide { get; set; } = 512;
}
