using System.Globalization;
using System.Text.Json;
using ClinicalAgent.Fhir.Serialization;
using ClinicalAgent.Fhir.Synthetic;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Tests.Synthetic;

/// <summary>
/// Every branch of every MedAgentBench category occurs among 20 patients, computed from the generated
/// Observations alone, the way a grader would (latest by effectiveDateTime, 24 hours and one year before now).
/// </summary>
public sealed class SyntheticBranchCoverageTests(SyntheticPopulationFixture population) : IClassFixture<SyntheticPopulationFixture>
{
    private const string Potassium = MedAgentBenchBranches.Potassium;
    private const string Magnesium = MedAgentBenchBranches.Magnesium;
    private const string Glucose = MedAgentBenchBranches.Glucose;
    private const string HbA1c = MedAgentBenchBranches.HbA1c;

    private static readonly string[] MagnesiumBranches = ["1.0-1.49", "1.5-1.9", "<1.0", ">1.9", "none", "older only"];

    private static readonly string[] GlucoseBranches = ["none", "none in 24h", "several in 24h"];

    private DateTimeOffset Now => population.Options.Now;

    [Fact]
    public void Generate_TwentyPatients_CoverEveryPotassiumBranch()
    {
        var labs = population.Labs;

        var branches = Branches(labs, MedAgentBenchBranches.PotassiumOf);

        Assert.Equal(["low", "none", "normal"], branches);
        Assert.All(population.PatientIds, p =>
        {
            if (MedAgentBenchBranches.Latest(LabsOf(labs, p), Potassium) is { Value: < 3.5m } low)
            {
                Assert.InRange(low.Value, 2.5m, 3.4m);
            }
        });
    }

    [Fact]
    public void Generate_TwentyPatients_CoverEveryMagnesiumBranch()
    {
        var labs = population.Labs;

        var branches = Branches(labs, MedAgentBenchBranches.MagnesiumOf);

        Assert.Equal(MagnesiumBranches, branches);
    }

    [Fact]
    public void Generate_TwentyPatients_CoverEveryGlucoseBranch()
    {
        var labs = population.Labs;

        var branches = Branches(labs, MedAgentBenchBranches.GlucoseOf);

        Assert.Equal(GlucoseBranches, branches);
    }

    [Fact]
    public void Generate_TwentyPatients_CoverEveryHbA1cBranch()
    {
        var labs = population.Labs;

        var branches = Branches(labs, MedAgentBenchBranches.HbA1cOf);

        Assert.Equal(["none", "recent", "stale"], branches);
    }

    [Theory]
    [InlineData("2023-11-13T05:05:00+00:00")]
    [InlineData("2024-02-29T11:20:00+00:00")]
    [InlineData("2025-06-30T23:59:00-07:00")]
    [InlineData("2026-01-01T06:45:00-05:00")]
    public void Generate_NowAtAnyTimeOfDay_StillCoversEveryRecentBranch(string now)
    {
        var options = population.Options with { Now = DateTimeOffset.Parse(now, CultureInfo.InvariantCulture), Seed = 99 };

        var labs = new SyntheticPatientGenerator(options).Generate().OfType<Observation>()
            .Where(o => o.Category[0].Coding[0].Code == "laboratory")
            .Select(o => LabPoint.From(JsonDocument.Parse(FhirJson.Serialize(o)).RootElement.Clone()))
            .ToList();

        Assert.Equal(MagnesiumBranches, Branches(labs, MedAgentBenchBranches.MagnesiumOf, options.Now));
        Assert.Equal(GlucoseBranches, Branches(labs, MedAgentBenchBranches.GlucoseOf, options.Now));
        Assert.Equal(["none", "recent", "stale"], Branches(labs, MedAgentBenchBranches.HbA1cOf, options.Now));
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

    /// <summary>The distinct branches taken; every patient has labs (a CBC at each check-up), so none is missed.</summary>
    private string[] Branches(IReadOnlyList<LabPoint> labs, Func<IReadOnlyList<LabPoint>, DateTimeOffset, string> branchOf, DateTimeOffset? now = null) =>
    [
        .. labs.Select(l => l.Patient).Distinct()
            .Select(p => branchOf(LabsOf(labs, p), now ?? Now))
            .Distinct()
            .Order(StringComparer.Ordinal),
    ];

    private static List<LabPoint> LabsOf(IReadOnlyList<LabPoint> labs, string patient) => [.. labs.Where(l => l.Patient == patient)];
}
