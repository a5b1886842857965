using System.Text.Json;

namespace ClinicalAgent.Evaluation.Grading.Official;

/// <summary>One search entry as the official graders read it: <c>effectiveDateTime</c> as text, <c>valueQuantity.value</c>
/// as the JSON number it was (an <c>int</c> or a <c>float</c> in Python); null where the resource lacks it.</summary>
internal sealed record OfficialObservation(string? EffectiveDateTime, JsonElement? Value)
{
    /// <summary><c>i['resource']['effectiveDateTime']</c>, parsed.</summary>
    public PyDateTime Effective => PyDateTime.FromIsoFormat(EffectiveDateTime ?? throw new PyError("KeyError: 'effectiveDateTime'"));

    /// <summary><c>i['resource']['valueQuantity']['value']</c>.</summary>
    public JsonElement ValueOrRaise => Value ?? throw new PyError("KeyError: 'valueQuantity'");
}
