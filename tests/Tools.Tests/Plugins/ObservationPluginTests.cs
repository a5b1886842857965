using ClinicalAgent.Tools.Formatting;
using System.Globalization;
using ClinicalAgent.Tools.Plugins;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Tools.Tests.Plugins;

public sealed class ObservationPluginTests(ToolsFixture fixture) : IClassFixture<ToolsFixture>
{
    private readonly ObservationPlugin _plugin = fixture.Get<ObservationPlugin>();

    [Fact]
    public async Task GetObservations_LatestPotassium_MatchesGenerator()
    {
        var potassium = fixture.Of<Observation>().Where(o => o.Code.Coding[0].Code == "2823-3").ToList();
        var subject = potassium.GroupBy(o => o.Subject.Reference).MaxBy(g => g.Count()).Key;
        var expected = potassium.Where(o => o.Subject.Reference == subject).MaxBy(o => ToolsFixture.Moment(o.Effective));

        var result = ToolsFixture.Parse(await _plugin.GetObservationsAsync(subject, code: "2823-3", latest_only: true));

        var row = Assert.Single(ToolTable.Rows(result));
        Assert.Equal($"Observation/{expected.Id}", row.GetProperty("id").GetString());
        Assert.Equal(((Quantity)expected.Value).Value, decimal.Parse(row.GetProperty("value").GetString(), CultureInfo.InvariantCulture));
        Assert.Equal(((FhirDateTime)expected.Effective).Value, row.GetProperty("date").GetString());
        Assert.Equal("mmol/L", row.GetProperty("unit").GetString());
    }

    [Fact]
    public async Task GetObservations_Since24h_OnlyWithinLast24Hours()
    {
        var from = ToolsFixture.Now.AddHours(-24);
        var recent = fixture.Of<Observation>().Where(o => ToolsFixture.Moment(o.Effective) >= from).ToList();
        var subject = recent.Count == 0
            ? "Patient/" + fixture.Of<Patient>().First().Id
            : recent.GroupBy(o => o.Subject.Reference).MaxBy(g => g.Count()).Key;
        var expected = recent.Where(o => o.Subject.Reference == subject).Select(o => $"Observation/{o.Id}").Order().ToList();

        var result = ToolsFixture.Parse(await _plugin.GetObservationsAsync(subject, since: "24h", limit: 50));

        var rows = ToolTable.Rows(result).ToList();
        Assert.All(rows, r => Assert.True(DateTimeOffset.Parse(r.GetProperty("date").GetString(), CultureInfo.InvariantCulture) >= from));
        var ids = rows.Select(r => r.GetProperty("id").GetString()).Order().ToList();
        Assert.All(ids, id => Assert.Contains(id, expected));
        Assert.Equal(Math.Min(expected.Count, 50), ids.Count);
    }

    [Fact]
    public async Task GetObservations_BadCode_ReturnsError()
    {
        var patient = fixture.Of<Patient>().First();

        var result = ToolsFixture.Parse(await _plugin.GetObservationsAsync(patient.Id, code: "not a code"));

        Assert.Contains("Unknown observation code", result.GetProperty("error").GetString());
    }

    [Fact]
    public async Task GetObservations_BadSince_ReturnsError()
    {
        var patient = fixture.Of<Patient>().First();

        var result = ToolsFixture.Parse(await _plugin.GetObservationsAsync(patient.Id, since: "yesterday-ish"));

        Assert.Contains("is not a time", result.GetProperty("error").GetString());
    }
}
