using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace ClinicalAgent.CdsHooks.Cards;

/// <summary>
/// The suggestions of recently answered cards by card uuid, in memory for <see cref="CdsHooksOptions.CardRetention"/>
/// (at most <see cref="CdsHooksOptions.MaxRetainedCards"/>): an accepted suggestion's resources come from what this
/// server suggested, never from the feedback body.
/// </summary>
internal sealed class IssuedCards(CdsHooksOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, IssuedCard> _cards = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    public void Remember(string serviceId, string? patientId, JsonObject card)
    {
        var suggestions = new Dictionary<string, IssuedSuggestion>(StringComparer.Ordinal);
        foreach (var suggestion in (card["suggestions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var resources = (suggestion["actions"] as JsonArray ?? []).OfType<JsonObject>()
                .Where(a => a["type"]?.GetValue<string>() is "create" or "update")
                .Select(a => a["resource"]).OfType<JsonObject>()
                .Select(r => (JsonObject)r.DeepClone())
                .ToList();
            suggestions[suggestion["uuid"]!.GetValue<string>()] = new IssuedSuggestion(suggestion["label"]?.GetValue<string>() ?? "", resources);
        }

        var uuid = card["uuid"]!.GetValue<string>();
        _cards[uuid] = new IssuedCard(serviceId, patientId, suggestions, time.GetUtcNow());
        _order.Enqueue(uuid);
        while (_order.Count > options.MaxRetainedCards && _order.TryDequeue(out var oldest))
        {
            _cards.TryRemove(oldest, out _);
        }
    }

    /// <summary>The card <paramref name="uuid"/> of <paramref name="serviceId"/>, if it is still kept.</summary>
    public IssuedCard? Find(string serviceId, string uuid) =>
        _cards.TryGetValue(uuid, out var card) && card.ServiceId == serviceId && card.Issued + options.CardRetention > time.GetUtcNow() ? card : null;
}
