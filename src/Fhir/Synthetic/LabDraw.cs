namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>One specimen collection at one moment of one encounter, and what was measured on it.</summary>
internal sealed class LabDraw(Visit visit, DateTimeOffset time)
{
    public Visit Visit { get; } = visit;

    public DateTimeOffset Time { get; } = time;

    public List<LabResult> Results { get; } = [];

    public LabResult? Find(LabDefinition lab) => Results.Find(r => r.Lab == lab);
}
