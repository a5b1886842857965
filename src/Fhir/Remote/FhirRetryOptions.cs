namespace ClinicalAgent.Fhir.Remote;

/// <summary>
/// How the remote gateway rides out a busy FHIR server (429 Too Many Requests, 503 Service Unavailable): the
/// <c>Fhir:Retry</c> section.
/// </summary>
public sealed class FhirRetryOptions
{
    /// <summary>Retries after the first answer (<c>Fhir:Retry:MaxRetries</c>, default 3); 0 turns retrying off.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The longest single wait (<c>Fhir:Retry:MaxWait</c>, default 30 s): a server asking for longer in
    /// <c>Retry-After</c> fails the call at once rather than hold it.</summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The first wait when the server sends no <c>Retry-After</c> (<c>Fhir:Retry:FirstWait</c>, default
    /// 1 s), doubled on each further retry.</summary>
    public TimeSpan FirstWait { get; set; } = TimeSpan.FromSeconds(1);
}
