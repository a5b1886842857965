namespace ClinicalAgent.CdsHooks.Trust;

/// <summary>Who called: the EHR (<c>iss</c>), the token's subject and tenant when it has them; all null with authorization off.</summary>
internal sealed record CdsCaller(string? Issuer, string? Subject, string? Tenant)
{
    public static CdsCaller Anonymous { get; } = new(null, null, null);
}
