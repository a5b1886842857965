namespace ClinicalAgent.Auth;

/// <summary>What a script asks the local authorization server for (<c>clinicalagent auth token</c>).</summary>
/// <param name="Scope">Space-separated scopes (<c>system/*.rs</c>, <c>user/Observation.rs clinicalagent/approve</c>).</param>
/// <param name="Patient">The patient in context (<c>patient</c> claim), a Patient id.</param>
/// <param name="User">The person the token acts for: <c>sub</c>, and <c>fhirUser</c> (<c>Practitioner/NAME</c> for a bare name).</param>
/// <param name="Audience">The <c>aud</c>; default <c>Auth:Server:Audience</c>.</param>
/// <param name="Lifetime">How long the token lives; default <c>Auth:Server:AccessTokenLifetime</c>.</param>
public sealed record LocalTokenRequest(string Scope, string? Patient = null, string? User = null, string? Audience = null, TimeSpan? Lifetime = null);
