namespace ClinicalAgent.Auth.Sessions;

/// <summary>The person a browser signed in as (the local OS user) and until when.</summary>
internal sealed record SignedInPerson(string Name, DateTimeOffset Expires);
