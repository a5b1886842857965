namespace ClinicalAgent.Fhir.Remote.Auth;

/// <summary>Where the bearer tokens for the FHIR server come from: a static one or a SMART authorization server.</summary>
internal interface IAccessTokenSource
{
    /// <summary>Whether <see cref="Invalidate"/> can lead to a different token (false for a static one).</summary>
    bool CanRenew { get; }

    /// <summary>What a user reads when the server refuses this source's token (no token text).</summary>
    string Description { get; }

    /// <summary>A token that is not yet due for renewal; concurrent callers share one fetch.</summary>
    /// <exception cref="FhirGatewayException">The authorization server refused or could not be reached.</exception>
    ValueTask<AccessToken> GetAsync(CancellationToken cancellationToken);

    /// <summary>The server refused <paramref name="token"/>: the next <see cref="GetAsync"/> fetches a new one, unless
    /// another caller already replaced it.</summary>
    void Invalidate(AccessToken token);
}
