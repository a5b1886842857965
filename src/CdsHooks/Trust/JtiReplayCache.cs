using System.Collections.Concurrent;

namespace ClinicalAgent.CdsHooks.Trust;

/// <summary>
/// The token ids (<c>jti</c>) seen per issuer, each kept until its token could no longer be accepted anyway, so a
/// captured JWT cannot be replayed within its life.
/// </summary>
internal sealed class JtiReplayCache(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    /// <summary>Records the id; false when it was already used by a token still alive.</summary>
    public bool TryUse(string issuer, string jti, DateTimeOffset keepUntil)
    {
        var now = time.GetUtcNow();
        Sweep(now);
        var key = issuer + "\n" + jti;
        var added = false;
        _seen.AddOrUpdate(key, _ => { added = true; return keepUntil; }, (_, until) =>
        {
            if (until > now)
            {
                return until;
            }

            added = true;
            return keepUntil;
        });
        return added;
    }

    private void Sweep(DateTimeOffset now)
    {
        if (now < _nextSweep)
        {
            return;
        }

        _nextSweep = now + TimeSpan.FromMinutes(1);
        foreach (var (key, until) in _seen)
        {
            if (until <= now)
            {
                _seen.TryRemove(KeyValuePair.Create(key, until));
            }
        }
    }
}
