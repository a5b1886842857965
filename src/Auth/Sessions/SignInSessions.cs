using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.Auth.Sessions;

/// <summary>
/// What the server remembers in memory only: one-time sign-in tickets, the browsers signed in with them, and the
/// patient each SMART <c>launch</c> value stands for. A restart forgets them all, which is the point: a new start
/// prints a new link.
/// </summary>
internal sealed class SignInSessions(IOptions<LocalAuthorizationServerOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _tickets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SignedInPerson> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Patient, DateTimeOffset Expires)> _launches = new(StringComparer.Ordinal);

    /// <summary>A new ticket, valid once until the sign-in link lifetime passes.</summary>
    public string CreateTicket()
    {
        var ticket = NewSecret();
        _tickets[ticket] = time.GetUtcNow() + options.Value.SignInLinkLifetime;
        return ticket;
    }

    /// <summary>Spends <paramref name="ticket"/>: a new session for the local user, or null when the ticket is unknown, used or expired.</summary>
    public string? Redeem(string? ticket)
    {
        if (string.IsNullOrEmpty(ticket) || !_tickets.TryRemove(ticket, out var expires) || expires <= time.GetUtcNow())
            return null;
        var session = NewSecret();
        _sessions[session] = new SignedInPerson(Environment.UserName, time.GetUtcNow() + options.Value.SessionLifetime);
        return session;
    }

    /// <summary>The person a session cookie stands for, or null.</summary>
    public SignedInPerson? Person(string? session)
    {
        if (string.IsNullOrEmpty(session) || !_sessions.TryGetValue(session, out var person))
            return null;
        if (person.Expires > time.GetUtcNow())
            return person;
        _sessions.TryRemove(session, out _);
        return null;
    }

    /// <summary>An opaque <c>launch</c> value standing for <paramref name="patientId"/>, valid for a session's lifetime.</summary>
    public string CreateLaunch(string patientId)
    {
        var launch = NewSecret();
        _launches[launch] = (patientId, time.GetUtcNow() + options.Value.SessionLifetime);
        return launch;
    }

    /// <summary>The patient of a <c>launch</c> value, or null when it is unknown or expired.</summary>
    public string? Patient(string? launch) =>
        !string.IsNullOrEmpty(launch) && _launches.TryGetValue(launch, out var entry) && entry.Expires > time.GetUtcNow() ? entry.Patient : null;

    private static string NewSecret() => Base64UrlSecret(RandomNumberGenerator.GetBytes(32));

    private static string Base64UrlSecret(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}
