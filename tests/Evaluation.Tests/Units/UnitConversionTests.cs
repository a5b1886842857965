using ClinicalAgent.Evaluation.Units;

namespace ClinicalAgent.Evaluation.Tests.Units;

/// <summary>The conversions against values worked by hand from the molar masses, valences and the IFCC–NGSP equation.</summary>
public sealed class UnitConversionTests
{
    public static TheoryData<string, decimal, decimal, decimal> Cases => new()
    {
        // glucose: 100 mg/dL / 18.016 = 5.5506 → 5.55 mmol/L; 5.55 × 18.016 = 99.9888 mg/dL
        { "glucose mg/dL → mmol/L", 100m, 5.55m, 99.9888m },
        // magnesium: 1.8 / 2.431 = 0.74044 → 0.740 mmol/L; 0.740 × 2.431 = 1.79894 → 1.7989
        { "magnesium mg/dL → mmol/L", 1.8m, 0.740m, 1.7989m },
        // magnesium, divalent: 0.74044 mmol/L × 2 = 1.48087 → 1.48 mEq/L; 1.48 / 2 × 2.431 = 1.79894 → 1.7989
        { "magnesium mg/dL → mEq/L", 1.8m, 1.48m, 1.7989m },
        // potassium and sodium, monovalent: the same number
        { "potassium mmol/L → mEq/L", 3.4m, 3.4m, 3.4m },
        { "sodium mmol/L → mEq/L", 140m, 140m, 140m },
        // creatinine: 1.2 mg/dL × 88.42 = 106.104 → 106 µmol/L; 106 / 88.42 = 1.19882 → 1.1988
        { "creatinine mg/dL → µmol/L", 1.2m, 106m, 1.1988m },
        // HbA1c: (6.5 − 2.15) × 10.929 = 47.541 → 48 mmol/mol; 48 / 10.929 + 2.15 = 6.54198 → 6.5420
        { "hba1c % → mmol/mol", 6.5m, 48m, 6.5420m },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Convert_ToTheVariantAndBack_MatchesTheHandWorkedValues(string name, decimal taskValue, decimal variant, decimal back)
    {
        var conversion = UnitConversions.All.Single(c => c.ToString() == name);

        Assert.Equal(variant, conversion.ToVariant(taskValue));
        Assert.Equal(back, conversion.ToTask(variant));
    }

    [Fact]
    public void HbA1c_SevenPercent_IsFiftyThreeMillimolesPerMole()
    {
        // (7.0 − 2.15) × 10.929 = 53.006: the commonly quoted 53 mmol/mol.
        Assert.Equal(53m, UnitConversions.HbA1cIfcc.ToVariant(7.0m));
    }

    [Theory]
    [InlineData("glucose", "mmol/L", 5.55, 99.9888)]
    [InlineData("glucose", "mg/dL", 101, 101)]
    [InlineData("magnesium", "mEq/L", 1.48, 1.7989)]
    [InlineData("magnesium", "meq/L", 1.48, 1.7989)]
    [InlineData("potassium", "mEq/L", 3.4, 3.4)]
    [InlineData("hba1c", "mmol/mol", 48, 6.542)]
    [InlineData("hba1c", "%", 6.1, 6.1)]
    public void ToTaskUnit_ConvertsOnlyAVariantUnit(string analyte, string unit, double value, double expected) =>
        Assert.Equal((decimal)expected, UnitConversions.ToTaskUnit(analyte, unit, (decimal)value));
}
