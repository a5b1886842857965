namespace ClinicalAgent.Fhir.Tests.Synthetic;

/// <summary>
/// Every branch of every MedAgentBench category occurs among 20 patients, computed from the generated
/// Observations alone, the way a grader would (latest by effectiveDateTime, 24 hours and one year before now).
/// </summary>
public sealed class SyntheticBranchCoverageTests(SyntheticPopulationFixture population) : IClassFixture<SyntheticPopulationFixture>
{
    private const string Potassium = "2823-3";
    private const string Magnesium = "2601-3";
    private const string Glucose = "2339-0";
    private const string HbA1c = "4548-4";

    private DateTimeOffset Now => population.Options.Now;

    [Fact]
    public void Generate_TwentyPatients_CoverEveryPotassiumBranch()
    {
        var branches = Branches(labs =>
        {
            var latest = Latest(labs, Potassium);
            return latest is null ? "none" : latest.Value < 3.5m ? "low" : "normal";
        });

        Assert.Equal(["low", "none", "normal"], branches.Keys.Order());
        Assert.All(population.PatientIds, p =>
        {
            if (Latest(LabsOf(p), Potassium) is { Value: < 3.5m } low)
            {
                Assert.InRange(low.Value, 2.5m, 3.4m);
            }
        });
    }

    [Fact]
    public void Generate_TwentyPatients_CoverEveryMagnesiumBranch()
    {
        var branches = Branches(labs =>
        {
            var all = labs.Where(l => l.Code == Magnesium).ToList();
            var recent = Latest(all.Where(l => l.Effective >= Now.AddHours(-24)), Magnesium);
            return all.Count == 0 ? "none"
                : recent is null ? "older only"
                : recent.Value < 1.0m ? "<1.0"
                : recent.Value < 1.5m ? "1.0-1.49"
                : recent.Value <= 1.9m ? "1.5-1.9"
                : ">1.9";
        });

        Assert.Equal(["1.0-1.49", "1.5-1.9", "<1.0", ">1.9", "none", "older only"], branches.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Generate_TwentyPatients_CoverEveryGlucoseBranch()
    {
        var branches = Branches(labs =>
        {
            var all = labs.Where(l => l.Code == Glucose).ToList();
            var recent = all.Count(l => l.Effective >= Now.AddHours(-24));
            return all.Count == 0 ? "none" : recent >= 3 ? "several in 24h" : recent == 0 ? "none in 24h" : "one or two in 24h";
        });

        Assert.Contains("several in 24h", branches.Keys);
        Assert.Contains("none in 24h", branches.Keys);
        Assert.Contains("none", branches.Keys);
    }

    [Fact]
    public void Generate_TwentyPatients_CoverEveryHbA1cBranch()
    {
        var branches = Branches(labs =>
        {
            var latest = Latest(labs, HbA1c);
            return latest is null ? "none" : latest.Effective >= Now.AddYears(-1) ? "recent" : "stale";
        });

        Assert.Equal(["none", "recent", "stale"], branches.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Generate_LabObservations_HaveUnitsRangesAndInterpretationsThatMatchTheirValues()
    {
        var expectedUnits = new Dictionary<string, string>
        {
            [Potassium] = "mmol/L", ["2951-2"] = "mmol/L", ["2160-0"] = "mg/dL", [Glucose] = "mg/dL",
            [Magnesium] = "mg/dL", [HbA1c] = "%", ["718-7"] = "g/dL", ["6690-2"] = "10*3/uL",
        };

        var labs = population.Labs;

        Assert.All(expectedUnits.Keys, code => Assert.Contains(labs, l => l.Code == code));
        Assert.All(labs, lab =>
        {
            var coding = lab.Raw.GetProperty("code").GetProperty("coding")[0];
            var quantity = lab.Raw.GetProperty("valueQuantity");
            var range = lab.Raw.GetProperty("referenceRange")[0];
            var interpretation = lab.Raw.GetProperty("interpretation")[0].GetProperty("coding")[0];
            var low = range.GetProperty("low").GetProperty("value").GetDecimal();
            var high = range.GetProperty("high").GetProperty("value").GetDecimal();

            Assert.Equal("http://loinc.org", coding.GetProperty("system").GetString());
            Assert.False(string.IsNullOrEmpty(coding.GetProperty("display").GetString()));
            Assert.Equal("http://unitsofmeasure.org", quantity.GetProperty("system").GetString());
            Assert.Equal(quantity.GetProperty("unit").GetString(), quantity.GetProperty("code").GetString());
            Assert.Equal(quantity.GetProperty("code").GetString(), range.GetProperty("low").GetProperty("code").GetString());
            Assert.Equal("final", lab.Raw.GetProperty("status").GetString());
            Assert.Equal("http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", interpretation.GetProperty("system").GetString());
            Assert.Equal(lab.Value < low ? "L" : lab.Value > high ? "H" : "N", interpretation.GetProperty("code").GetString());
            if (expectedUnits.TryGetValue(lab.Code, out var unit))
            {
                Assert.Equal(unit, quantity.GetProperty("code").GetString());
            }
        });
        Assert.Contains(labs, l => l.Code == Potassium && l.Raw.GetProperty("interpretation")[0].GetProperty("coding")[0].GetProperty("code").GetString() == "L");
    }

    [Fact]
    public void Generate_Potassium_HasTheStandardReferenceRange()
    {
        var potassium = population.Labs.First(l => l.Code == Potassium);

        var range = potassium.Raw.GetProperty("referenceRange")[0];

        Assert.Equal(3.5m, range.GetProperty("low").GetProperty("value").GetDecimal());
        Assert.Equal(5.1m, range.GetProperty("high").GetProperty("value").GetDecimal());
    }

    private Dictionary<string, int> Branches(Func<IReadOnlyList<LabPoint>, string> branchOf) => population.PatientIds
        .GroupBy(p => branchOf(LabsOf(p)))
        .ToDictionary(g => g.Key, g => g.Count());

    private List<LabPoint> LabsOf(string patient) => [.. population.Labs.Where(l => l.Patient == patient)];

    private static LabPoint? Latest(IEnumerable<LabPoint> labs, string code) =>
        labs.Where(l => l.Code == code).OrderBy(l => l.Effective).LastOrDefault();
}
