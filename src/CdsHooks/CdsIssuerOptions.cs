namespace ClinicalAgent.CdsHooks;

/// <summary>One trusted EHR: its <c>iss</c> and where its public keys are.</summary>
public sealed class CdsIssuerOptions
{
    /// <summary>The exact <c>iss</c> of the EHR's JWTs.</summary>
    public string Issuer { get; set; } = "";

    /// <summary>The EHR's JWKS URL, fetched over HTTP and cached; a token's <c>jku</c> header must equal it.</summary>
    public string? JwksUrl { get; set; }

    /// <summary>A JWKS file instead of a URL (keys distributed out of band).</summary>
    public string? JwksFile { get; set; }
}
