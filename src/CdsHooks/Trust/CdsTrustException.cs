namespace ClinicalAgent.CdsHooks.Trust;

/// <summary>The EHR's JWT is not accepted; the message is short and safe to return (401).</summary>
internal sealed class CdsTrustException : Exception
{
    public CdsTrustException(string message) : base(message)
    {
    }

    public CdsTrustException(string message, Exception inner) : base(message, inner)
    {
    }
}
