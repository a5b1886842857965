namespace ClinicalAgent.Web.Remote;

/// <summary>
/// Where a launch from another EHR signed in: the EHR's FHIR base, its token endpoint and the app's registration there,
/// kept with the session so that a refresh token can be redeemed at the same place.
/// </summary>
internal sealed record RemoteSignIn(Uri FhirBase, string TokenEndpoint, RemoteClientOptions Client);
