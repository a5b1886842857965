namespace ClinicalAgent.Fhir.Terminology;

/// <summary>
/// The analytes the tools, the patient overview and the benchmark's lab categories know by name, each with every
/// LOINC code that measures it (facts from LOINC's component, system, property and scale axes). One table, so a
/// potassium coded 6298-4 is a potassium everywhere.
/// </summary>
public static class Analytes
{
    /// <summary>The LOINC code system URI.</summary>
    public const string LoincSystem = "http://loinc.org";

    /// <summary>Systolic blood pressure, a component of the blood-pressure panels.</summary>
    public const string SystolicCode = "8480-6";

    /// <summary>Diastolic blood pressure, a component of the blood-pressure panels.</summary>
    public const string DiastolicCode = "8462-4";

    public static readonly Analyte Potassium = new("potassium", ["k", "k+", "serum potassium"],
    [
        new("2823-3", "Potassium [Moles/volume] in Serum or Plasma", "SerPl", "SCnc", "mmol/L"),
        new("6298-4", "Potassium [Moles/volume] in Blood", "Bld", "SCnc", "mmol/L"),
        new("39789-3", "Potassium [Moles/volume] in Venous blood", "BldV", "SCnc", "mmol/L"),
        new("32713-0", "Potassium [Moles/volume] in Arterial blood", "BldA", "SCnc", "mmol/L"),
    ]);

    public static readonly Analyte Sodium = new("sodium", ["na", "na+", "serum sodium"],
    [
        new("2951-2", "Sodium [Moles/volume] in Serum or Plasma", "SerPl", "SCnc", "mmol/L"),
        new("2947-0", "Sodium [Moles/volume] in Blood", "Bld", "SCnc", "mmol/L"),
        new("39791-9", "Sodium [Moles/volume] in Venous blood", "BldV", "SCnc", "mmol/L"),
        new("32717-1", "Sodium [Moles/volume] in Arterial blood", "BldA", "SCnc", "mmol/L"),
    ]);

    public static readonly Analyte Chloride = new("chloride", ["cl"],
    [
        new("2075-0", "Chloride [Moles/volume] in Serum or Plasma", "SerPl", "SCnc", "mmol/L"),
        new("2069-3", "Chloride [Moles/volume] in Blood", "Bld", "SCnc", "mmol/L"),
    ]);

    public static readonly Analyte Bicarbonate = new("bicarbonate", ["co2", "hco3", "carbon dioxide"],
    [
        new("2028-9", "Carbon dioxide, total [Moles/volume] in Serum or Plasma", "SerPl", "SCnc", "mmol/L"),
        new("20565-8", "Carbon dioxide, total [Moles/volume] in Blood", "Bld", "SCnc", "mmol/L"),
    ]);

    public static readonly Analyte UreaNitrogen = new("urea nitrogen", ["bun", "blood urea nitrogen"],
    [
        new("3094-0", "Urea nitrogen [Mass/volume] in Serum or Plasma", "SerPl", "MCnc", "mg/dL"),
        new("6299-2", "Urea nitrogen [Mass/volume] in Blood", "Bld", "MCnc", "mg/dL"),
    ]);

    public static readonly Analyte Creatinine = new("creatinine", ["cr", "serum creatinine"],
    [
        new("2160-0", "Creatinine [Mass/volume] in Serum or Plasma", "SerPl", "MCnc", "mg/dL"),
        new("38483-4", "Creatinine [Mass/volume] in Blood", "Bld", "MCnc", "mg/dL"),
        new("14682-9", "Creatinine [Moles/volume] in Serum or Plasma", "SerPl", "SCnc", "umol/L"),
    ]);

    public static readonly Analyte Glucose = new("glucose", ["glu", "blood sugar", "blood glucose", "cbg"],
    [
        new("2345-7", "Glucose [Mass/volume] in Serum or Plasma", "SerPl", "MCnc", "mg/dL"),
        new("2339-0", "Glucose [Mass/volume] in Blood", "Bld", "MCnc", "mg/dL"),
        new("41653-7", "Glucose [Mass/volume] in Capillary blood by Glucometer", "BldC", "MCnc", "mg/dL"),
        new("14749-6", "Glucose [Moles/volume] in Serum or Plasma", "SerPl", "SCnc", "mmol/L"),
        new("15074-8", "Glucose [Moles/volume] in Blood", "Bld", "SCnc", "mmol/L"),
    ]);

    public static readonly Analyte Calcium = new("calcium", ["ca"],
    [
        new("17861-6", "Calcium [Mass/volume] in Serum or Plasma", "SerPl", "MCnc", "mg/dL"),
        new("49765-1", "Calcium [Mass/volume] in Blood", "Bld", "MCnc", "mg/dL"),
    ]);

    public static readonly Analyte Magnesium = new("magnesium", ["mg"],
    [
        new("19123-9", "Magnesium [Mass/volume] in Serum or Plasma", "SerPl", "MCnc", "mg/dL"),
        new("2601-3", "Magnesium [Moles/volume] in Serum or Plasma", "SerPl", "SCnc", "mmol/L"),
    ]);

    public static readonly Analyte HbA1c = new("hba1c", ["a1c", "hemoglobin a1c", "glycated hemoglobin"],
    [
        new("4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood", "Bld", "MFr", "%"),
        new("17856-6", "Hemoglobin A1c/Hemoglobin.total in Blood by HPLC", "Bld", "MFr", "%"),
        new("4549-2", "Hemoglobin A1c/Hemoglobin.total in Blood by Electrophoresis", "Bld", "MFr", "%"),
        new("59261-8", "Hemoglobin A1c/Hemoglobin.total in Blood by IFCC protocol", "Bld", "SFr", "mmol/mol"),
    ]);

    public static readonly Analyte Hemoglobin = new("hemoglobin", ["hgb", "hb"],
    [
        new("718-7", "Hemoglobin [Mass/volume] in Blood", "Bld", "MCnc", "g/dL"),
        new("20509-6", "Hemoglobin [Mass/volume] in Blood by calculation", "Bld", "MCnc", "g/dL"),
        new("30313-1", "Hemoglobin [Mass/volume] in Arterial blood", "BldA", "MCnc", "g/dL"),
    ]);

    public static readonly Analyte Hematocrit = new("hematocrit", ["hct"],
    [
        new("4544-3", "Hematocrit [Volume Fraction] of Blood by Automated count", "Bld", "VFr", "%"),
        new("20570-8", "Hematocrit [Volume Fraction] of Blood", "Bld", "VFr", "%"),
    ]);

    public static readonly Analyte Leukocytes = new("wbc", ["white blood cells", "leukocytes", "white count"],
    [
        new("6690-2", "Leukocytes [#/volume] in Blood by Automated count", "Bld", "NCnc", "10*3/uL"),
        new("26464-8", "Leukocytes [#/volume] in Blood", "Bld", "NCnc", "10*3/uL"),
        new("804-5", "Leukocytes [#/volume] in Blood by Manual count", "Bld", "NCnc", "10*3/uL"),
    ]);

    public static readonly Analyte Platelets = new("platelets", ["plt"],
    [
        new("777-3", "Platelets [#/volume] in Blood by Automated count", "Bld", "NCnc", "10*3/uL"),
        new("26515-7", "Platelets [#/volume] in Blood", "Bld", "NCnc", "10*3/uL"),
    ]);

    public static readonly Analyte BloodPressure = new("blood pressure", ["bp"],
    [
        new("85354-9", "Blood pressure panel with all children optional", "Patient", "-", "mm[Hg]"),
        new("55284-4", "Blood pressure systolic and diastolic", "Patient", "-", "mm[Hg]"),
        new("35094-2", "Blood pressure panel", "Patient", "-", "mm[Hg]"),
    ]);

    public static readonly Analyte HeartRate = new("heart rate", ["pulse", "hr"], [new("8867-4", "Heart rate", "Patient", "NRat", "/min")]);

    public static readonly Analyte RespiratoryRate = new("respiratory rate", ["rr", "respirations"],
        [new("9279-1", "Respiratory rate", "Patient", "NRat", "/min")]);

    public static readonly Analyte Temperature = new("temperature", ["temp", "body temperature"],
    [
        new("8310-5", "Body temperature", "Patient", "Temp", "Cel"),
        new("8331-1", "Oral temperature", "Patient", "Temp", "Cel"),
    ]);

    public static readonly Analyte OxygenSaturation = new("spo2", ["oxygen saturation", "o2 sat", "sao2"],
    [
        new("59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry", "BldA", "MFr", "%"),
        new("2708-6", "Oxygen saturation in Arterial blood", "BldA", "MFr", "%"),
    ]);

    public static readonly Analyte Height = new("height", ["body height"], [new("8302-2", "Body height", "Patient", "Len", "cm")]);

    public static readonly Analyte Weight = new("weight", ["body weight"],
    [
        new("29463-7", "Body weight", "Patient", "Mass", "kg"),
        new("3141-9", "Body weight Measured", "Patient", "Mass", "kg"),
    ]);

    public static readonly Analyte Bmi = new("bmi", ["body mass index"], [new("39156-5", "Body mass index (BMI) [Ratio]", "Patient", "Ratio", "kg/m2")]);

    /// <summary>Every analyte of the table.</summary>
    public static IReadOnlyList<Analyte> All { get; } =
    [
        Potassium, Sodium, Chloride, Bicarbonate, UreaNitrogen, Creatinine, Glucose, Calcium, Magnesium, HbA1c, Hemoglobin,
        Hematocrit, Leukocytes, Platelets, BloodPressure, HeartRate, RespiratoryRate, Temperature, OxygenSaturation, Height, Weight, Bmi,
    ];

    private static readonly Dictionary<string, Analyte> ByName = All
        .SelectMany(a => a.Aliases.Prepend(a.Name).Select(n => (Name: n, Analyte: a)))
        .ToDictionary(p => p.Name, p => p.Analyte, StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, Analyte> ByCode = All
        .SelectMany(a => a.Codes.Select(c => (c.Code, Analyte: a)))
        .ToDictionary(p => p.Code, p => p.Analyte, StringComparer.Ordinal);

    /// <summary>LOINC codes as one FHIR token search value, <c>http://loinc.org|a,http://loinc.org|b</c>: any of exactly these.</summary>
    public static string Token(IEnumerable<string> codes) => string.Join(",", codes.Select(c => $"{LoincSystem}|{c}"));

    /// <summary>The analyte called <paramref name="name"/> (or one of its aliases, any case), or null.</summary>
    public static Analyte? Named(string name) => ByName.GetValueOrDefault(name.Trim());

    /// <summary>The analyte a LOINC code measures, or null when the table does not know the code.</summary>
    public static Analyte? OfCode(string? code) => code is null ? null : ByCode.GetValueOrDefault(code);
}
