using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClinicalAgent.Evaluation.Tasks;

/// <summary>
/// The ground truth of one generated image, as the generator keeps it in the store setting
/// <see cref="Setting"/>: out of the agent's reach (no FHIR resource holds it), read only by the benchmark.
/// </summary>
/// <param name="Patient">The patient's id (MRN).</param>
/// <param name="ImageId">The image as the image tools name it (<c>ImagingStudy/x#1.1</c>, <c>Media/y</c>).</param>
/// <param name="Kind"><c>chest-xray</c>, <c>ct-chest</c> or <c>skin-photo</c>.</param>
/// <param name="Date">When the image was taken (ISO 8601).</param>
/// <param name="Findings">The findings drawn in (<c>pleural-effusion</c>, <c>cardiomegaly</c>, …); empty when normal.</param>
/// <param name="Labels">The candidate label texts a classification task offers.</param>
/// <param name="Label">The true one of <paramref name="Labels"/>.</param>
public sealed record ImageFinding(
    [property: JsonPropertyName("patient")] string Patient,
    [property: JsonPropertyName("image_id")] string ImageId,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("date")] string Date,
    [property: JsonPropertyName("findings")] IReadOnlyList<string> Findings,
    [property: JsonPropertyName("labels")] IReadOnlyList<string> Labels,
    [property: JsonPropertyName("label")] string Label)
{
    /// <summary>The store setting that holds the generated images' ground truth.</summary>
    public const string Setting = "synthetic.image-findings";

    /// <summary>The setting's value read, or an empty list when the store has none.</summary>
    /// <exception cref="InvalidDataException">The setting is not the generator's JSON.</exception>
    public static IReadOnlyList<ImageFinding> Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
            return [];
        try
        {
            return JsonSerializer.Deserialize<List<ImageFinding>>(json) ?? [];
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The store setting {Setting} is not a list of image findings: {e.Message}");
        }
    }
}
