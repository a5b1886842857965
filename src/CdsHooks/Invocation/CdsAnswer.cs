using System.Text.Json.Nodes;

namespace ClinicalAgent.CdsHooks.Invocation;

/// <summary>What an endpoint sends back: a status and a JSON body (cards, or <c>{"error": "…"}</c>).</summary>
internal sealed record CdsAnswer(int Status, JsonObject Body)
{
    public static CdsAnswer Error(int status, string message) => new(status, new JsonObject { ["error"] = message });

    public static CdsAnswer Cards(JsonArray cards) => new(200, new JsonObject { ["cards"] = cards });
}
