namespace ClinicalAgent.Fhir.Audit;

/// <summary>
/// Who the code running in this async flow acts for, so tool calls deep inside an agent run are attributed to the
/// workflow or request that caused them without passing an actor through every layer.
/// </summary>
public static class AuditActorScope
{
    private static readonly AsyncLocal<AuditActor?> Ambient = new();
    private static readonly AsyncLocal<string?> AmbientClient = new();

    /// <summary>The actor of this flow, or null where none was set (the CLI: the OS user).</summary>
    public static AuditActor? Current => Ambient.Value;

    /// <summary>The OAuth client (<c>client_id</c>) this flow's requests came through, or null where none is known.</summary>
    public static string? CurrentClientId => AmbientClient.Value;

    /// <summary>Sets <paramref name="actor"/> until the returned scope is disposed.</summary>
    public static IDisposable Begin(AuditActor actor) => Begin(actor, AmbientClient.Value);

    /// <summary>Sets <paramref name="actor"/> and the OAuth client it acts through until the returned scope is disposed.</summary>
    public static IDisposable Begin(AuditActor actor, string? clientId)
    {
        var previous = (Ambient.Value, AmbientClient.Value);
        Ambient.Value = actor;
        AmbientClient.Value = clientId;
        return new Restore(previous.Item1, previous.Item2);
    }

    private sealed class Restore(AuditActor? previous, string? previousClient) : IDisposable
    {
        public void Dispose()
        {
            Ambient.Value = previous;
            AmbientClient.Value = previousClient;
        }
    }
}
