using System.Globalization;
using ClinicalAgent.Tools.Formatting;
using ClinicalAgent.Tools.Plugins;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Tools.Tests.Plugins;

/// <summary>get_observations on both generator styles: what a result says must be what the source record says.</summary>
public abstract class ObservationPluginTests<TFixture>(TFixture fixture)
    where TFixture : ToolsFixture
{
    // Every LOINC code of serum/blood potassium the generator writes (facts from LOINC, spelled out here on purpose).
    private static readonly string[] PotassiumCodes = ["2823-3", "6298-4"];

    private readonly ObservationPlugin _plugin = fixture.Get<ObservationPlugin>();

    [Fact]
    public async Task GetObservations_LatestPotassium_MatchesGenerator()
    {
        var potassium = fixture.Of<Observation>().Where(o => PotassiumCodes.Contains(o.Code.Coding[0].Code)).ToList();
        var subject = potassium.GroupBy(o => o.Subject.Reference).MaxBy(g => g.Count())!.Key;
        var expected = potassium.Where(o => o.Subject.Reference == subject).MaxBy(o => ToolsFixture.Moment(o.Effective))!;

        var result = ToolsFixture.Parse(await _plugin.GetObservationsAsync(subject, code: "2823-3", latest_only: true));

        var row = Assert.Single(ToolTable.Rows(result));
        Assert.Equal($"Observation/{expected.Id}", row.GetProperty("id").GetString());
        Assert.Equal(((Quantity)expected.Value).Value!.Value.ToString(CultureInfo.InvariantCulture), row.GetProperty("value").GetString());
        Assert.Equal(((FhirDateTime)expected.Effective).Value, row.GetProperty("date").GetString());
        Assert.Equal("mmol/L", row.GetProperty("unit").GetString());
    }

    [Theory]
    [InlineData("potassium")]
    [InlineData("K")]
    [InlineData("6298-4")]
    [InlineData("2823-3")]
    public async Task GetObservations_PotassiumByNameOrAnyCode_FindsEveryPotassium(string code)
    {
        var potassium = fixture.Of<Observation>().Where(o => PotassiumCodes.Contains(o.Code.Coding[0].Code)).ToList();
        var subject = potassium.GroupBy(o => o.Subject.Reference).MaxBy(g => g.Count())!.Key;
        var expected = potassium.Where(o => o.Subject.Reference == subject).Select(o => $"Observation/{o.Id}").Order().ToList();

        var result = ToolsFixture.Parse(await _plugin.GetObservationsAsync(subject, code: code, limit: 1000));

        Assert.Equal(expected, ToolTable.Rows(result).Select(r => r.GetProperty("id").GetString()).Order());
    }

    [Fact]
    public async Task GetObservations_BloodPressure_SystolicOverDiastolicByComponentCode()
    {
        var panels = fixture.Of<Observation>().Where(o => o.Code.Coding[0].Code == "85354-9").ToList();
        var subject = panels.GroupBy(o => o.Subject.Reference).MaxBy(g => g.Count())!.Key;
        var expected = panels.Where(o => o.Subject.Reference == subject).ToDictionary(
            o => $"Observation/{o.Id}",
            o => $"{Component(o, "8480-6")}/{Component(o, "8462-4")}");

        var result = ToolsFixture.Parse(await _plugin.GetObservationsAsync(subject, code: "blood pressure", limit: 1000));

        var rows = ToolTable.Rows(result);
        Assert.Equal(expected.Count, rows.Count);
        Assert.All(rows, r => Assert.Equal(expected[r.GetProperty("id").GetString()!], r.GetProperty("value").GetString()));
        Assert.All(rows, r => Assert.Equal("mm[Hg]", r.GetProperty("unit").GetString()));
    }

    [Fact]
    public async Task GetObservations_Since24h_OnlyWithinLast24Hours()
    {
        var from = ToolsFixture.Now.AddHours(-24);
        var recent = fixture.Of<Observation>().Where(o => ToolsFixture.Moment(o.Effective) >= from).ToList();
        var subject = recent.Count == 0
            ? "Patient/" + fixture.Of<Patient>().First().Id
            : recent.GroupBy(o => o.Subject.Reference).MaxBy(g => g.Count())!.Key;
        var expected = recent.Where(o => o.Subject.Reference == subject).Select(o => $"Observation/{o.Id}").Order().ToList();

        var result = ToolsFixture.Parse(await _plugin.GetObservationsAsync(subject, since: "24h", limit: 50));

        var rows = ToolTable.Rows(result).ToList();
        Assert.All(rows, r => Assert.True(DateTimeOffset.Parse(r.GetProperty("date").GetString()!, CultureInfo.InvariantCulture) >= from));
        var ids = rows.Select(r => r.GetProperty("id").GetString()).Order().ToList();
        Assert.All(ids, id => Assert.Contains(id, expected));
        Assert.Equal(Math.Min(expected.Count, 50), ids.Count);
    }

    [Fact]
    public async Task GetObservations_UnknownName_MatchedByDisplayText()
    {
        var patient = fixture.Of<Patient>().First();
        var expected = fixture.Of<Observation>()
            .Where(o => o.Subject.Reference == "Patient/" + patient.Id && o.Code.Coding[0].Display.Contains("Urea nitrogen", StringComparison.Ordinal))
            .Select(o => $"Observation/{o.Id}").Order().ToList();

        var result = ToolsFixture.Parse(await _plugin.GetObservationsAsync(patient.Id!, code: "UREA NITROGEN [MASS", limit: 1000));

        Assert.NotEmpty(expected);
        Assert.Equal(expected, ToolTable.Rows(result).Select(r => r.GetProperty("id").GetString()).Order());
    }

    [Fact]
    public async Task GetObservations_NameNothingMatches_SaysItWasMatchedByText()
    {
        var patient = fixture.Of<Patient>().First();

        var result = ToolsFixture.Parse(await _plugin.GetObservationsAsync(patient.Id!, code: "not a code"));

        Assert.Empty(ToolTable.Rows(result));
        Assert.Contains("'not a code' is not a test name the tools know", result.GetProperty("note").GetString());
    }

    [Fact]
    public async Task GetObservations_BadSince_ReturnsError()
    {
        var patient = fixture.Of<Patient>().First();

        var result = ToolsFixture.Parse(await _plugin.GetObservationsAsync(patient.Id!, since: "yesterday-ish"));

        Assert.Contains("is not a time", result.GetProperty("error").GetString());
    }

    private static string Component(Observation observation, string code) =>
        ((Quantity)observation.Component.Single(c => c.Code.Coding[0].Code == code).Value).Value!.Value.ToString(CultureInfo.InvariantCulture);
}
