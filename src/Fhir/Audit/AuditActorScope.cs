namespace ClinicalAgent.Fhir.Audit;

/// <summary>
/// Who the code running in this async flow acts for, so tool calls deep inside an agent run are attributed to the
/// workflow or request that caused them without passing an actor through every layer.
/// </summary>
public static class AuditActorScope
{
    private static readonly AsyncLocal<AuditActor?> Ambient = new();

    /// <summary>The actor of this flow, or null where none was set (the CLI: the OS user).</summary>
    public static AuditActor? Current => Ambient.Value;

    /// <summary>Sets <paramref name="actor"/> until the returned scope is disposed.</summary>
    public static IDisposable Begin(AuditActor actor)
    {
        var previous = Ambient.Value;
        Ambient.Value = actor;
        return new Restore(previous);
    }

    private sealed class Restore(AuditActor? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
