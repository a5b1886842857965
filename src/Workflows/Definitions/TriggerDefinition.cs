namespace ClinicalAgent.Workflows.Definitions;

/// <summary>What starts instances besides the CLI (every workflow can be run by hand).</summary>
/// <param name="Fhir">A FHIR search (<c>Observation?code=http://loinc.org|2823-3</c>): a created or updated resource that
/// matches starts an instance; also what FHIR Subscription notifications are checked against.</param>
/// <param name="Schedule">A Quartz cron expression (<c>0 0 6 * * ?</c>).</param>
/// <param name="ForEach">With a schedule: a FHIR search whose results' patients each get an instance (a sweep).</param>
/// <param name="Http">Whether <c>POST /workflows/{name}/start</c> may start it.</param>
/// <param name="Location">Where the trigger is in the file.</param>
public sealed record TriggerDefinition(string? Fhir, string? Schedule, string? ForEach, bool Http, SourceLocation Location)
{
    /// <summary>Which FHIR events fire: <c>created</c>, <c>updated</c>, or <c>any</c> (default).</summary>
    public string On { get; init; } = "any";

    /// <summary>
    /// The environment variable holding the shared secret that FHIR Subscription notifications
    /// (<c>POST /workflows/subscriptions/{name}</c>) must present (<c>Authorization: Bearer</c> or
    /// <c>X-ClinicalAgent-Secret</c>); the secret itself is never in the file. Without one, notifications are refused
    /// unless authorization is off.
    /// </summary>
    public string? SecretEnv { get; init; }

    /// <summary>A CDS Hooks service declaration (<c>cds_hook:</c>); null for other workflows.</summary>
    public CdsHookTrigger? CdsHook { get; init; }

    public static TriggerDefinition Manual(SourceLocation location) => new(null, null, null, false, location);
}
