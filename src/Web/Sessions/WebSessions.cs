using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.Web.Sessions;

/// <summary>
/// The web app's memory: signed-in sessions by their cookie's id, and sign-ins under way by their <c>state</c>. In
/// memory only, like the local authorization server's sign-in sessions: a restart signs everybody out.
/// </summary>
internal sealed class WebSessions(IOptions<WebAppOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, WebSession> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PendingSignIn> _signIns = new(StringComparer.Ordinal);

    /// <summary>A new session for <paramref name="person"/>, on this server's records or, with <paramref name="remote"/>, another EHR's.</summary>
    public WebSession Start(WebPerson person, string? accessToken, Remote.RemoteRecords? remote = null)
    {
        var session = new WebSession(NewSecret(), person, time.GetUtcNow() + options.Value.SessionLifetime, accessToken, remote);
        _sessions[session.Id] = session;
        return session;
    }

    /// <summary>The session a cookie names, or null when it is unknown or has expired.</summary>
    public WebSession? Find(string? id)
    {
        if (string.IsNullOrEmpty(id) || !_sessions.TryGetValue(id, out var session))
            return null;
        if (session.Expires > time.GetUtcNow())
            return session;
        End(id);
        return null;
    }

    /// <summary>Ends a session.</summary>
    public void End(string? id)
    {
        if (!string.IsNullOrEmpty(id) && _sessions.TryRemove(id, out var session))
            session.Remote?.Dispose();
    }

    /// <summary>Remembers a sign-in under a new <c>state</c>, which it returns; it is valid once, for <see cref="WebAppOptions.SignInLifetime"/>.</summary>
    public string BeginSignIn(Func<DateTimeOffset, PendingSignIn> create)
    {
        var state = NewSecret();
        _signIns[state] = create(time.GetUtcNow() + options.Value.SignInLifetime);
        return state;
    }

    /// <summary>Spends <paramref name="state"/>: its sign-in, or null when it is unknown, spent or expired.</summary>
    public PendingSignIn? CompleteSignIn(string? state)
    {
        if (string.IsNullOrEmpty(state) || !_signIns.TryRemove(state, out var pending))
            return null;
        return pending.Expires > time.GetUtcNow() ? pending : null;
    }

    private static string NewSecret() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
