using ClinicalAgent.Fhir.Terminology;

namespace ClinicalAgent.Fhir.Tests.Terminology;

public sealed class AnalytesTests
{
    public static TheoryData<string> Codes => [.. Analytes.All.SelectMany(a => a.CodeValues)];

    /// <summary>LOINC's last digit is a mod-10 check digit over the others: a mistyped code in the table fails here.</summary>
    [Theory]
    [MemberData(nameof(Codes))]
    public void Code_CheckDigit_MatchesLoincMod10(string code)
    {
        var parts = code.Split('-');

        Assert.Equal(parts[1][0] - '0', CheckDigit(parts[0]));
    }

    [Fact]
    public void All_EveryCodeAndName_BelongsToOneAnalyte()
    {
        var codes = Analytes.All.SelectMany(a => a.CodeValues).ToList();
        var names = Analytes.All.SelectMany(a => a.Aliases.Prepend(a.Name)).Select(n => n.ToLowerInvariant()).ToList();

        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Theory]
    [InlineData("Potassium", "2823-3")]
    [InlineData("K", "6298-4")]
    [InlineData(" a1c ", "4548-4")]
    public void Named_NameOrAliasAnyCase_FindsTheAnalyte(string name, string code)
    {
        Assert.Same(Analytes.OfCode(code), Analytes.Named(name));
    }

    [Fact]
    public void CodesFor_Property_OnlyCodesInThatUnit()
    {
        Assert.Equal(["19123-9"], Analytes.Magnesium.CodesFor("MCnc"));
        Assert.Equal(["2339-0", "41653-7"], Analytes.Glucose.CodesFor("MCnc", "Bld", "BldC"));
        Assert.DoesNotContain("59261-8", Analytes.HbA1c.CodesFor("MFr"));
    }

    private static int CheckDigit(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[digits.Length - 1 - i] - '0';
            var value = i % 2 == 0 ? digit * 2 : digit;
            sum += value / 10 + value % 10;
        }

        return (10 - sum % 10) % 10;
    }
}
