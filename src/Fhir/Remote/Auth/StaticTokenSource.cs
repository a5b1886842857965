namespace ClinicalAgent.Fhir.Remote.Auth;

/// <summary><c>Fhir:Auth:Mode = bearer</c>: one token read from an environment variable at startup.</summary>
internal sealed class StaticTokenSource(string token, string variable) : IAccessTokenSource
{
    private readonly AccessToken _token = new(token, DateTimeOffset.MaxValue);

    public bool CanRenew => false;

    public string Description => $"the bearer token in ${variable} (Fhir:Auth:TokenVariable)";

    public ValueTask<AccessToken> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_token);

    public void Invalidate(AccessToken token)
    {
        // Nothing to renew: a refused static token fails the call, and the user replaces it.
    }
}
