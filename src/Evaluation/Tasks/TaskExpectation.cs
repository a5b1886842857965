using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClinicalAgent.Evaluation.Tasks;

/// <summary>
/// What a task expects, computed from the record at generation time (never from the generator's internals).
/// </summary>
/// <param name="Branch">The case the record puts the task in, e.g. <c>low</c>, <c>none_24h</c>, <c>stale</c>.</param>
/// <param name="Action">True when the right outcome includes writes (POSTs).</param>
/// <param name="Answer">The expected FINISH list; null where the category grades no answer.</param>
/// <param name="Value">The lab value the decision rests on (Mg, K, HbA1c), if any.</param>
/// <param name="Dose">The dose to order: grams of magnesium (category 5) or mEq of potassium (category 9).</param>
/// <param name="RateHours">Hours the magnesium infusion runs (category 5).</param>
/// <param name="Text">The text to write: the blood pressure (category 3) or the referral note (category 8).</param>
/// <param name="Effective">The lab's effectiveDateTime (category 10).</param>
/// <param name="Reference">A free-text question's reference answer, written from the record with resource ids (category 13).</param>
/// <param name="Facts">The facts a free-text answer must state: values with units, dates, ids, terms (category 13).</param>
public sealed record TaskExpectation(
    [property: JsonPropertyName("branch")] string Branch,
    [property: JsonPropertyName("action")] bool Action,
    [property: JsonPropertyName("answer")] IReadOnlyList<JsonElement>? Answer = null,
    [property: JsonPropertyName("value")] decimal? Value = null,
    [property: JsonPropertyName("dose")] decimal? Dose = null,
    [property: JsonPropertyName("rate_hours")] decimal? RateHours = null,
    [property: JsonPropertyName("text")] string? Text = null,
    [property: JsonPropertyName("effective")] string? Effective = null,
    [property: JsonPropertyName("reference")] string? Reference = null,
    [property: JsonPropertyName("facts")] IReadOnlyList<RequiredFact>? Facts = null);
