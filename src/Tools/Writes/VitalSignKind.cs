namespace ClinicalAgent.Tools.Writes;

/// <summary>A vital sign <c>record_vital_sign</c> can record: its LOINC code, display and default UCUM unit.</summary>
/// <param name="Name">The name the model uses, e.g. <c>heart_rate</c>.</param>
/// <param name="Loinc">The LOINC code of the observation.</param>
/// <param name="Display">The LOINC display.</param>
/// <param name="Text">A short label.</param>
internal sealed record VitalSignKind(string Name, string Loinc, string Display, string Text)
{
    /// <summary>Every kind, by name.</summary>
    public static IReadOnlyDictionary<string, VitalSignKind> All { get; } = new[]
    {
        new VitalSignKind("blood_pressure", "85354-9", "Blood pressure panel with all children optional", "Blood pressure"),
        new VitalSignKind("heart_rate", "8867-4", "Heart rate", "Heart rate"),
        new VitalSignKind("temperature", "8310-5", "Body temperature", "Temperature"),
        new VitalSignKind("spo2", "59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry", "SpO2"),
        new VitalSignKind("weight", "29463-7", "Body weight", "Weight"),
    }.ToDictionary(k => k.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The kind named <paramref name="name"/>, or a tool argument error listing the valid names.</summary>
    public static VitalSignKind Of(string? name) =>
        All.TryGetValue((name ?? "").Trim().Replace(' ', '_').Replace('-', '_'), out var kind)
            ? kind
            : throw new ToolArgumentException($"kind must be one of {string.Join(", ", All.Keys)}.");
}
