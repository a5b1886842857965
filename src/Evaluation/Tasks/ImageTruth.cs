using ClinicalAgent.Fhir.Synthetic;

namespace ClinicalAgent.Evaluation.Tasks;

/// <summary>The generated images' ground truth as a store keeps it (<see cref="SyntheticImageFindings.Setting"/>).</summary>
public static class ImageTruth
{
    /// <summary>The setting's findings; none when the store has no such setting (no generated images).</summary>
    /// <exception cref="InvalidDataException">The setting holds something else.</exception>
    public static IReadOnlyList<SyntheticImageFinding> Parse(string? setting)
    {
        if (string.IsNullOrWhiteSpace(setting))
            return [];
        try
        {
            return SyntheticImageFindings.FromJson(setting);
        }
        catch (FormatException e)
        {
            throw new InvalidDataException($"The store setting {SyntheticImageFindings.Setting} is not the generator's image findings: {e.Message}");
        }
    }
}
