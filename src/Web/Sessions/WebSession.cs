using System.Collections.Concurrent;
using ClinicalAgent.Agent.Loop;
using ClinicalAgent.Web.Remote;

namespace ClinicalAgent.Web.Sessions;

/// <summary>
/// One signed-in browser, held in memory on the server: the person, the tokens (never sent to the browser), one agent
/// conversation per patient, and the ids of the writes proposed in this session (only those may be decided here). A
/// session launched from another EHR reads and writes that EHR's records (<see cref="Remote"/>), never the embedded store.
/// </summary>
internal sealed class WebSession(string id, WebPerson person, DateTimeOffset expires, string? accessToken, RemoteRecords? remote = null)
{
    private readonly ConcurrentDictionary<string, AgentConversation> _conversations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _proposed = new(StringComparer.Ordinal);

    public string Id { get; } = id;

    public WebPerson Person { get; } = person;

    public DateTimeOffset Expires { get; } = expires;

    /// <summary>The access token the authorization server issued to the app for this person; null with authorization off.</summary>
    public string? AccessToken { get; } = accessToken;

    /// <summary>The other EHR's records this session works on, with the person's token there; null: this server's own records.</summary>
    public RemoteRecords? Remote { get; } = remote;

    /// <summary>The conversation about <paramref name="patientId"/>, started on first use.</summary>
    public AgentConversation Conversation(string patientId, Func<AgentConversation> start) => _conversations.GetOrAdd(patientId, _ => start());

    /// <summary>Remembers that a write was proposed in this session.</summary>
    public void Proposed(string pendingId) => _proposed[pendingId] = 0;

    /// <summary>Whether the write was proposed in this session; true once, so a write is decided once.</summary>
    public bool TakeProposed(string pendingId) => _proposed.TryRemove(pendingId, out _);

    /// <summary>Puts back a write whose approval failed, so it can be retried.</summary>
    public void Restore(string pendingId) => _proposed[pendingId] = 0;
}
