using ClinicalAgent.Imaging.Synthetic;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>What a radiologist's report says about each drawn finding: conclusion text, SNOMED code, ground-truth code and label.</summary>
internal static class RadiologyText
{
    public static string Code(ChestFinding finding) => finding switch
    {
        ChestFinding.PleuralEffusion => "pleural-effusion",
        ChestFinding.Cardiomegaly => "cardiomegaly",
        ChestFinding.Pneumonia => "pneumonia",
        _ => "",
    };

    public static string Label(ChestFinding finding) => finding switch
    {
        ChestFinding.PleuralEffusion => "pleural effusion",
        ChestFinding.Cardiomegaly => "cardiomegaly",
        ChestFinding.Pneumonia => "pneumonia",
        _ => "no acute finding",
    };

    public static string Conclusion(ChestFinding finding, bool ct, int? effusionSides) => (finding, ct) switch
    {
        (ChestFinding.PleuralEffusion, false) =>
            $"{Side(effusionSides)} pleural effusion with a meniscus, blunting the costophrenic angle. Heart size normal. No consolidation.",
        (ChestFinding.PleuralEffusion, true) =>
            "Dependent pleural effusion layering posteriorly, fluid attenuation. No consolidation. Heart size normal.",
        (ChestFinding.Cardiomegaly, false) =>
            "Cardiomegaly: enlarged cardiac silhouette, cardiothoracic ratio greater than 0.5. Lungs clear. No effusion.",
        (ChestFinding.Cardiomegaly, true) =>
            "Cardiomegaly: enlarged heart. Lungs clear. No pleural effusion.",
        (ChestFinding.Pneumonia, false) =>
            "Patchy airspace opacity in the lower zone, consistent with pneumonia. Heart size normal. No effusion.",
        (ChestFinding.Pneumonia, true) =>
            "Patchy consolidation in the lower lobe, consistent with pneumonia. No pleural effusion. Heart size normal.",
        _ => "No acute cardiopulmonary abnormality. Heart size normal. Lungs clear. No effusion.",
    };

    /// <summary>The report's SNOMED CT conclusion code; null for a normal study.</summary>
    public static CodeableConcept? ConclusionCode(ChestFinding finding) => finding switch
    {
        ChestFinding.PleuralEffusion => Codes.Concept(Codes.Snomed, "60046008", "Pleural effusion"),
        ChestFinding.Cardiomegaly => Codes.Concept(Codes.Snomed, "8186001", "Cardiomegaly"),
        ChestFinding.Pneumonia => Codes.Concept(Codes.Snomed, "233604007", "Pneumonia"),
        _ => null,
    };

    private static string Side(int? sides) => sides switch
    {
        0 => "Bilateral",
        -1 => "Right",
        _ => "Left",
    };
}
