namespace ClinicalAgent.Fhir.Remote.Auth;

/// <summary>
/// How the remote gateway authenticates to the FHIR server at <c>Fhir:BaseUrl</c>: the <c>Fhir:Auth</c> section.
/// </summary>
public sealed class FhirAuthOptions
{
    /// <summary>No authentication: an open test server or one behind a trusted proxy.</summary>
    public const string NoneMode = "none";

    /// <summary>The default: <see cref="LocalMode"/> for a loopback address, <see cref="NoneMode"/> otherwise.</summary>
    public const string AutoMode = "auto";

    /// <summary>A server on this machine: tokens from the local authorization server it hosts (as the local OS user).</summary>
    public const string LocalMode = "local";

    /// <summary>A static bearer token from the environment variable named by <see cref="TokenVariable"/>.</summary>
    public const string BearerMode = "bearer";

    /// <summary>SMART Backend Services: the client credentials grant with a signed JWT assertion.</summary>
    public const string SmartBackendMode = "smart-backend";

    /// <summary>The default of <see cref="TokenVariable"/>.</summary>
    public const string DefaultTokenVariable = "CLINICALAGENT_FHIR_TOKEN";

    /// <summary>The default of <see cref="Scope"/>: read and search every resource type, as a system.</summary>
    public const string DefaultScope = "system/*.rs";

    /// <summary><c>auto</c> (default), <c>none</c>, <c>local</c>, <c>bearer</c> or <c>smart-backend</c> (<c>Fhir:Auth:Mode</c>).</summary>
    public string Mode { get; set; } = AutoMode;

    /// <summary>In <c>bearer</c> mode, the environment variable holding the token (<c>Fhir:Auth:TokenVariable</c>,
    /// default <c>CLINICALAGENT_FHIR_TOKEN</c>). The token itself is never a configuration value, so it stays out of
    /// settings files and command lines.</summary>
    public string TokenVariable { get; set; } = DefaultTokenVariable;

    /// <summary>In <c>smart-backend</c> mode, the client id the EHR registered (<c>Fhir:Auth:ClientId</c>); it is the
    /// assertion's <c>iss</c> and <c>sub</c>.</summary>
    public string? ClientId { get; set; }

    /// <summary>In <c>smart-backend</c> mode, the private key (<c>Fhir:Auth:KeyFile</c>): a PEM file (PKCS#8, or
    /// PKCS#1 RSA, or SEC1 EC) with an RSA key of at least 2048 bits or an EC P-384 key, or a JWK or JWKS JSON file
    /// holding the private key.</summary>
    public string? KeyFile { get; set; }

    /// <summary>The key's id, sent as the assertion's <c>kid</c> (<c>Fhir:Auth:KeyId</c>); default the JWK's own
    /// <c>kid</c>. It must match the key's <c>kid</c> in the JWKS registered with the EHR.</summary>
    public string? KeyId { get; set; }

    /// <summary><c>RS384</c> or <c>ES384</c> (<c>Fhir:Auth:Algorithm</c>); default from the key (RSA: RS384, EC: ES384).</summary>
    public string? Algorithm { get; set; }

    /// <summary>The scopes asked for (<c>Fhir:Auth:Scope</c>, space-separated SMART v2 scopes, default
    /// <c>system/*.rs</c>); add e.g. <c>system/MedicationRequest.c</c> for writes.</summary>
    public string Scope { get; set; } = DefaultScope;

    /// <summary>The authorization server's token endpoint (<c>Fhir:Auth:TokenUrl</c>); default the
    /// <c>token_endpoint</c> of <c>&lt;Fhir:BaseUrl&gt;/.well-known/smart-configuration</c>.</summary>
    public string? TokenUrl { get; set; }

    /// <summary>How long before its expiry a token is renewed (<c>Fhir:Auth:RenewBefore</c>, default one minute);
    /// a token that lives less than twice this is renewed halfway through its life.</summary>
    public TimeSpan RenewBefore { get; set; } = TimeSpan.FromMinutes(1);
}
