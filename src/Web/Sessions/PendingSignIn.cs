namespace ClinicalAgent.Web.Sessions;

/// <summary>
/// A sign-in under way, remembered by its <c>state</c> until the authorization server sends the browser back: the
/// PKCE verifier, where to send the code, where the person was going, and (for a SMART launch) the EHR's endpoints;
/// for a launch from another EHR, the app's registration there (<paramref name="RemoteClient"/>).
/// </summary>
internal sealed record PendingSignIn(string Verifier, string RedirectUri, string ReturnPath, DateTimeOffset Expires, string TokenEndpoint, string? Issuer,
    RemoteClientOptions? RemoteClient = null);
