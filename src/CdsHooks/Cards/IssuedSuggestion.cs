using System.Text.Json.Nodes;

namespace ClinicalAgent.CdsHooks.Cards;

/// <summary>One suggestion of an <see cref="IssuedCard"/>.</summary>
internal sealed record IssuedSuggestion(string Label, IReadOnlyList<JsonObject> Resources);
