namespace ClinicalAgent.Auth.Clients;

/// <summary>A registered client: its id, whether it holds keys (a backend service) or not (a public SMART app), its scopes and redirect URIs.</summary>
public sealed record LocalClient(string ClientId, bool IsPublic, IReadOnlyList<string> Scopes, IReadOnlyList<string> RedirectUris, int KeyCount);
