namespace ClinicalAgent.Evaluation.Units;

/// <summary>
/// The unit variants the benchmark knows, from molar masses and valences, in the units the tasks are written in:
/// glucose mg/dL = mmol/L × 18.016 (C6H12O6, 180.16 g/mol); magnesium mg/dL = mmol/L × 2.431 (24.305 g/mol) and
/// mEq/L = mmol/L × 2 (divalent); potassium and sodium mEq/L = mmol/L (monovalent); creatinine mg/dL = µmol/L / 88.42
/// (113.12 g/mol); HbA1c IFCC mmol/mol = (NGSP % − 2.15) × 10.929 (the IFCC–NGSP master equation).
/// The tools show every value in the unit its record states and never convert; only the benchmark's expected outcomes
/// and its oracle do.
/// </summary>
internal static class UnitConversions
{
    public static readonly UnitConversion GlucoseMmol = new("glucose", "mg/dL", "mmol/L", "mmol/L", "15074-8", "Glucose [Moles/volume] in Blood",
        1m / 18.016m, 0m, 2, 0.1m, "1 mmol/L of glucose = 18.016 mg/dL (molar mass 180.16 g/mol)");

    public static readonly UnitConversion MagnesiumMmol = new("magnesium", "mg/dL", "mmol/L", "mmol/L", "2601-3", "Magnesium [Moles/volume] in Serum or Plasma",
        1m / 2.431m, 0m, 3, 0.01m, "1 mmol/L of magnesium = 2.431 mg/dL (molar mass 24.305 g/mol)");

    public static readonly UnitConversion MagnesiumMeq = new("magnesium", "mg/dL", "meq/L", "mEq/L", "2601-3", "Magnesium [Moles/volume] in Serum or Plasma",
        2m / 2.431m, 0m, 2, 0.01m, "magnesium is divalent: 1 mEq/L = 0.5 mmol/L, and 1 mmol/L = 2.431 mg/dL (molar mass 24.305 g/mol)");

    public static readonly UnitConversion PotassiumMeq = new("potassium", "mmol/L", "meq/L", "mEq/L", "2823-3", "Potassium [Moles/volume] in Serum or Plasma",
        1m, 0m, 1, 0.000001m, "potassium is monovalent: 1 mEq/L = 1 mmol/L");

    public static readonly UnitConversion SodiumMeq = new("sodium", "mmol/L", "meq/L", "mEq/L", "2951-2", "Sodium [Moles/volume] in Serum or Plasma",
        1m, 0m, 0, 0.000001m, "sodium is monovalent: 1 mEq/L = 1 mmol/L");

    public static readonly UnitConversion CreatinineMicromol = new("creatinine", "mg/dL", "umol/L", "µmol/L", "14682-9", "Creatinine [Moles/volume] in Serum or Plasma",
        88.42m, 0m, 0, 0.01m, "1 mg/dL of creatinine = 88.42 µmol/L (molar mass 113.12 g/mol)");

    public static readonly UnitConversion HbA1cIfcc = new("hba1c", "%", "mmol/mol", "mmol/mol", "59261-8", "Hemoglobin A1c/Hemoglobin.total in Blood by IFCC protocol",
        10.929m, 2.15m, 0, 0.05m, "IFCC mmol/mol = (NGSP % − 2.15) × 10.929");

    /// <summary>Every variant.</summary>
    public static IReadOnlyList<UnitConversion> All { get; } = [GlucoseMmol, MagnesiumMmol, MagnesiumMeq, PotassiumMeq, SodiumMeq, CreatinineMicromol, HbA1cIfcc];

    /// <summary>The variants of <paramref name="analyte"/>.</summary>
    public static IEnumerable<UnitConversion> Of(string analyte) => All.Where(c => c.Analyte == analyte);

    /// <summary>
    /// <paramref name="value"/>, written in <paramref name="unit"/>, in the task unit of <paramref name="analyte"/>: converted when
    /// the unit is one of its variants, else as it is (already the task unit, or one the benchmark does not know).
    /// </summary>
    public static decimal ToTaskUnit(string analyte, string? unit, decimal value) =>
        Of(analyte).FirstOrDefault(c => c.Names(unit)) is { } conversion ? conversion.ToTask(value) : value;
}
