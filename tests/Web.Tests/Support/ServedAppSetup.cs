namespace ClinicalAgent.Web.Tests.Support;

/// <summary>How a <see cref="ServedApp"/> differs from the default one: its synthetic patients, where it listens, the EHRs it trusts.</summary>
internal sealed record ServedAppSetup
{
    /// <summary>How many synthetic patients <c>fhir seed</c> makes.</summary>
    public int Patients { get; init; } = 4;

    /// <summary>The generator's seed: another seed, another patient set.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>The host name to listen on and to be reached at (<c>localhost</c> keeps a second server's cookies apart from 127.0.0.1's in one browser).</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The port, when it must be known before the server starts (another server's registration names it); else a free one.</summary>
    public int? Port { get; init; }

    /// <summary><c>Web:RemoteClients</c>: the other EHRs the app is registered with.</summary>
    public IReadOnlyList<RemoteClientOptions> RemoteClients { get; init; } = [];

    /// <summary>Runs after seeding, before <c>serve</c> starts (register a client, add records).</summary>
    public Func<ServedApp, Task>? BeforeServe { get; init; }
}
