using ClinicalAgent.Tools.Formatting;
using ClinicalAgent.Tools.Plugins;
using ClinicalAgent.Tools.Time;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Tools.Tests.Plugins;

/// <summary>The patient tools on both generator styles.</summary>
public abstract class PatientPluginTests<TFixture>(TFixture fixture)
    where TFixture : ToolsFixture
{
    // Every LOINC code of potassium and of glucose the generator writes, spelled out here on purpose.
    private static readonly string[] PotassiumCodes = ["2823-3", "6298-4"];
    private static readonly string[] GlucoseCodes = ["2345-7", "2339-0"];

    private readonly PatientPlugin _plugin = fixture.Get<PatientPlugin>();

    [Fact]
    public async Task FindPatients_FamilyAndBirthdate_FindsExactlyThatPatient()
    {
        var patient = fixture.Of<Patient>().First();
        var family = patient.Name[0].Family;

        var result = ToolsFixture.Parse(await _plugin.FindPatientsAsync(family: family, birthdate: patient.BirthDate));

        var items = ToolTable.Rows(result).ToList();
        var match = Assert.Single(items);
        Assert.Equal(patient.Id, match.GetProperty("id").GetString());
        Assert.Equal(patient.Id, match.GetProperty("mrn").GetString());
        Assert.Equal(patient.BirthDate, match.GetProperty("birthDate").GetString());
    }

    [Fact]
    public async Task FindPatients_NoCriteria_ReturnsError()
    {
        var result = ToolsFixture.Parse(await _plugin.FindPatientsAsync());

        Assert.Contains("at least one", result.GetProperty("error").GetString());
    }

    [Fact]
    public async Task GetPatient_FrozenNow_AgeInWholeYears()
    {
        var patient = fixture.Of<Patient>().Last(p => p.Deceased is null);
        var birth = DateOnly.Parse(patient.BirthDate, System.Globalization.CultureInfo.InvariantCulture);
        var today = DateOnly.FromDateTime(ToolsFixture.Now.DateTime);
        var expected = today.Year - birth.Year - (birth.AddYears(today.Year - birth.Year) > today ? 1 : 0);

        var result = ToolsFixture.Parse(await _plugin.GetPatientAsync(patient.Id));

        Assert.Equal(expected, result.GetProperty("age").GetInt32());
        Assert.Equal(patient.Id, result.GetProperty("mrn").GetString());
    }

    [Fact]
    public async Task GetPatient_UnknownPatient_ReturnsError()
    {
        var result = ToolsFixture.Parse(await _plugin.GetPatientAsync("S999"));

        Assert.StartsWith("Patient 'S999' does not exist", result.GetProperty("error").GetString());
    }

    [Fact]
    public async Task GetPatientOverview_GeneratedPatient_MatchesGeneratorFacts()
    {
        var patient = fixture.Of<Patient>().MaxBy(p => fixture.Of<Condition>().Count(c => c.Subject.Reference == "Patient/" + p.Id))!;
        var reference = "Patient/" + patient.Id;
        var activeConditions = fixture.Of<Condition>().Count(c => c.Subject.Reference == reference && c.ClinicalStatus.Coding[0].Code == "active");
        var activeMedications = fixture.Of<MedicationRequest>().Count(m => m.Subject.Reference == reference && m.Status == MedicationRequest.MedicationrequestStatus.Active);
        var observations = fixture.Of<Observation>().Count(o => o.Subject.Reference == reference);

        var result = ToolsFixture.Parse(await _plugin.GetPatientOverviewAsync(patient.Id!));

        Assert.Equal(activeConditions, result.GetProperty("activeProblems").GetArrayLength());
        Assert.Equal(activeMedications, result.GetProperty("activeMedications").GetArrayLength());
        Assert.Equal(observations, result.GetProperty("counts").GetProperty("Observation").GetInt32());
        Assert.True(result.TryGetProperty("lastEncounter", out _));
    }

    [Theory]
    [InlineData("potassium")]
    [InlineData("glucose")]
    public async Task GetPatientOverview_KeyLab_NewestResultOfAnyCodeOfTheAnalyte(string analyte)
    {
        var codes = analyte == "potassium" ? PotassiumCodes : GlucoseCodes;
        foreach (var patient in fixture.Of<Patient>())
        {
            var latest = fixture.Of<Observation>()
                .Where(o => o.Subject.Reference == "Patient/" + patient.Id && codes.Contains(o.Code.Coding[0].Code))
                .MaxBy(o => ToolsFixture.Moment(o.Effective));

            var result = ToolsFixture.Parse(await _plugin.GetPatientOverviewAsync(patient.Id!));

            var shown = result.GetProperty("keyLabs").EnumerateArray()
                .Where(l => codes.Contains(l.GetProperty("code").GetString()))
                .Select(l => l.GetProperty("id").GetString());
            Assert.Equal(latest is null ? [] : [$"Observation/{latest.Id}"], shown);
        }
    }

    [Fact]
    public async Task GetPatient_Deceased_AgeAtDeathAndDeathDate()
    {
        foreach (var patient in fixture.Of<Patient>().Where(p => p.Deceased is FhirDateTime))
        {
            var died = ((FhirDateTime)patient.Deceased).Value;
            var expected = ClinicalClock.AgeInYears(
                DateOnly.Parse(patient.BirthDate, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse(died, System.Globalization.CultureInfo.InvariantCulture));

            var result = ToolsFixture.Parse(await _plugin.GetPatientAsync(patient.Id!));

            Assert.True(result.GetProperty("deceased").GetBoolean());
            Assert.Equal(died, result.GetProperty("deceasedDate").GetString());
            Assert.Equal(expected, result.GetProperty("age").GetInt32());
        }
    }

    [Fact]
    public async Task AgeInYears_DayBeforeBirthday_NotYetOlder()
    {
        var birth = new DateOnly(1950, 11, 14);

        var age = ClinicalClock.AgeInYears(birth, ToolsFixture.Now);

        Assert.Equal(72, age);
        await Task.CompletedTask;
    }
}
