namespace ClinicalAgent.Security;

/// <summary>The JWT claim names the resource server reads, as SMART App Launch and OAuth 2.0 spell them.</summary>
public static class SmartClaims
{
    public const string Subject = "sub";
    public const string Scope = "scope";
    public const string ClientId = "client_id";
    public const string AuthorizedParty = "azp";
    public const string Patient = "patient";
    public const string FhirUser = "fhirUser";
    public const string Name = "name";
}
