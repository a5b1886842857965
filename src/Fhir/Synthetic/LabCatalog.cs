namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>The laboratory tests the generator knows, with adult reference ranges in US conventional units.</summary>
internal static class LabCatalog
{
    public const string BmpCode = "51990-0";
    public const string BmpDisplay = "Basic metabolic panel - Blood";
    public const string CbcCode = "58410-2";
    public const string CbcDisplay = "CBC panel - Blood by Automated count";

    public static readonly LabDefinition Sodium = new("2951-2", "Sodium [Moles/volume] in Serum or Plasma", "Sodium", "mmol/L", 136m, 145m, 0);
    public static readonly LabDefinition Potassium = new("2823-3", "Potassium [Moles/volume] in Serum or Plasma", "Potassium", "mmol/L", 3.5m, 5.1m, 1);
    public static readonly LabDefinition Chloride = new("2075-0", "Chloride [Moles/volume] in Serum or Plasma", "Chloride", "mmol/L", 98m, 107m, 0);
    public static readonly LabDefinition Bicarbonate = new("2028-9", "Carbon dioxide, total [Moles/volume] in Serum or Plasma", "CO2", "mmol/L", 22m, 29m, 0);
    public static readonly LabDefinition UreaNitrogen = new("3094-0", "Urea nitrogen [Mass/volume] in Serum or Plasma", "BUN", "mg/dL", 7m, 20m, 0);
    public static readonly LabDefinition Creatinine = new("2160-0", "Creatinine [Mass/volume] in Serum or Plasma", "Creatinine", "mg/dL", 0.6m, 1.3m, 2);
    public static readonly LabDefinition SerumGlucose = new("2345-7", "Glucose [Mass/volume] in Serum or Plasma", "Glucose", "mg/dL", 70m, 99m, 0);
    public static readonly LabDefinition Calcium = new("17861-6", "Calcium [Mass/volume] in Serum or Plasma", "Calcium", "mg/dL", 8.6m, 10.3m, 1);

    /// <summary>Capillary (fingerstick) glucose: the CBG code MedAgentBench's GLU tasks read.</summary>
    public static readonly LabDefinition CapillaryGlucose = new("2339-0", "Glucose [Mass/volume] in Blood", "CBG", "mg/dL", 70m, 99m, 0);

    // MedAgentBench's magnesium thresholds (1.0, 1.5, 1.9) are mg/dL, so the mass code: 19123-9, not 2601-3 (mmol/L).
    public static readonly LabDefinition Magnesium = new("19123-9", "Magnesium [Mass/volume] in Serum or Plasma", "Magnesium", "mg/dL", 1.7m, 2.4m, 1);
    public static readonly LabDefinition HbA1c = new("4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood", "HbA1c", "%", 4.0m, 5.6m, 1);

    public static readonly LabDefinition Leukocytes = new("6690-2", "Leukocytes [#/volume] in Blood by Automated count", "WBC", "10*3/uL", 4.5m, 11.0m, 1);
    public static readonly LabDefinition Hemoglobin = new("718-7", "Hemoglobin [Mass/volume] in Blood", "Hemoglobin", "g/dL", 13.5m, 17.5m, 1, 12.0m, 15.5m);
    public static readonly LabDefinition Hematocrit = new("4544-3", "Hematocrit [Volume Fraction] of Blood by Automated count", "Hematocrit", "%", 41m, 53m, 1, 36m, 46m);
    public static readonly LabDefinition Platelets = new("777-3", "Platelets [#/volume] in Blood by Automated count", "Platelets", "10*3/uL", 150m, 400m, 0);

    public static readonly IReadOnlyList<LabDefinition> Bmp =
        [Sodium, Potassium, Chloride, Bicarbonate, UreaNitrogen, Creatinine, SerumGlucose, Calcium];

    public static readonly IReadOnlyList<LabDefinition> Cbc = [Leukocytes, Hemoglobin, Hematocrit, Platelets];
}
