namespace ClinicalAgent.Workflows.Definitions;

/// <summary>
/// A <c>cds_hook:</c> trigger: the workflow is a CDS Hooks 2.0 service that an EHR calls at <c>/cds-services/{id}</c>
/// when the hook fires; its steps run synchronously and its <c>card</c> steps are the answer.
/// </summary>
/// <param name="Hook">The hook: <c>patient-view</c>, <c>order-select</c> or <c>order-sign</c>.</param>
/// <param name="Id">The service id in the URL and in discovery.</param>
/// <param name="Title">The human title discovery shows.</param>
/// <param name="Description">What the service does, for discovery.</param>
/// <param name="Prefetch">Prefetch templates by key (<c>Patient/{{context.patientId}}</c>), as discovery advertises them.</param>
/// <param name="Location">Where the trigger is in the file.</param>
public sealed record CdsHookTrigger(string Hook, string Id, string? Title, string? Description, IReadOnlyDictionary<string, string> Prefetch,
    SourceLocation Location)
{
    /// <summary>The hooks a service may declare.</summary>
    public static readonly IReadOnlySet<string> Hooks = new HashSet<string>(StringComparer.Ordinal) { "patient-view", "order-select", "order-sign" };

    /// <summary>Free text on what the service needs from the EHR (discovery's <c>usageRequirements</c>).</summary>
    public string? UsageRequirements { get; init; }

    /// <summary>Where each prefetch template is in the file, for errors that point at it.</summary>
    public IReadOnlyDictionary<string, SourceLocation> PrefetchLocations { get; init; } = new Dictionary<string, SourceLocation>();
}
