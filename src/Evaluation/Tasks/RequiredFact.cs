using System.Text.Json.Serialization;

namespace ClinicalAgent.Evaluation.Tasks;

/// <summary>
/// One fact a free-text answer must state, taken from the record: a value with its unit, a date, a resource id, or a
/// term (one of several words, e.g. the direction of a trend or a medication's name).
/// </summary>
/// <param name="Kind"><see cref="Quantity"/>, <see cref="Date"/>, <see cref="Id"/> or <see cref="Term"/>.</param>
/// <param name="Value">The number (quantity), the date-time exactly as the record writes it (date), the resource
/// reference <c>Type/id</c> (id), or the term.</param>
/// <param name="Unit">The quantity's unit as the record writes it.</param>
/// <param name="Alternatives">Other words that state the same term.</param>
public sealed record RequiredFact(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("unit")] string? Unit = null,
    [property: JsonPropertyName("alternatives")] IReadOnlyList<string>? Alternatives = null)
{
    /// <summary>A value that counts only with its unit.</summary>
    public const string Quantity = "quantity";

    /// <summary>A date, in the record's format or ISO 8601.</summary>
    public const string Date = "date";

    /// <summary>A resource reference, <c>Type/id</c> or the bare id.</summary>
    public const string Id = "id";

    /// <summary>A word or one of its alternatives.</summary>
    public const string Term = "term";
}
