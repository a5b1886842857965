namespace ClinicalAgent.CdsHooks;

/// <summary>Settings of /cds-services (section <c>CdsHooks</c>).</summary>
public sealed class CdsHooksOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "CdsHooks";

    /// <summary>How long an invocation may take; past it the answer is <c>{"cards":[]}</c> (the community budget is about 500 ms).</summary>
    public TimeSpan TimeBudget { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The EHRs whose JWTs are trusted (<c>CdsHooks:Issuers:0:Issuer</c>, <c>…:JwksUrl</c> or <c>…:JwksFile</c>).</summary>
    public List<CdsIssuerOptions> Issuers { get; set; } = [];

    /// <summary>How far a token's <c>exp</c> and <c>iat</c> may be off the clock.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an issuer's fetched JWKS is used before it is fetched again (an unknown key id refetches at once).</summary>
    public TimeSpan JwksCacheDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The workflow an accepted suggestion starts: it waits for a clinician's approval, then writes the resource.</summary>
    public string SuggestionWorkflow { get; set; } = "cds-suggestion";

    /// <summary>
    /// The public base URL of the services (<c>https://cds.example.org</c>) when a proxy stands in front; the JWT's
    /// <c>aud</c> must be <c>{base}/cds-services/{id}</c>. Default: the address the request came to.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>How long the suggestions of an answered card are kept for the EHR's feedback.</summary>
    public TimeSpan CardRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The most answered cards kept for feedback (the oldest go first).</summary>
    public int MaxRetainedCards { get; set; } = 10_000;
}
