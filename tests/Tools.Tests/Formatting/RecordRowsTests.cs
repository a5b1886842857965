using ClinicalAgent.Tools.Formatting;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Tools.Tests.Formatting;

public sealed class RecordRowsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Details_DiedIn2001Aged68_AgeAtDeathAndDate()
    {
        var patient = new Patient { Id = "p", BirthDate = "1933-03-02", Deceased = new FhirDateTime("2001-07-15T10:00:00-05:00") };

        var details = RecordRows.Details(patient, Now);

        Assert.Equal(68, details.Age);
        Assert.True(details.Deceased);
        Assert.Equal("2001-07-15T10:00:00-05:00", details.DeceasedDate);
    }

    [Fact]
    public void Details_DeceasedWithoutDate_AgeUnknown()
    {
        var patient = new Patient { Id = "p", BirthDate = "1933-03-02", Deceased = new FhirBoolean(true) };

        var details = RecordRows.Details(patient, Now);

        Assert.Null(details.Age);
        Assert.True(details.Deceased);
    }

    [Theory]
    [InlineData(ObservationStatus.Final, null)]
    [InlineData(ObservationStatus.Preliminary, "preliminary")]
    [InlineData(ObservationStatus.EnteredInError, "entered-in-error")]
    public void Observation_Status_ShownUnlessFinal(ObservationStatus status, string? expected)
    {
        var row = RecordRows.Observation(new Observation { Id = "o", Status = status, Code = new CodeableConcept("http://loinc.org", "2823-3") });

        Assert.Equal(expected, row.Status);
    }

    [Fact]
    public void Medication_ReferenceNotResolved_SaysSoInsteadOfAnId()
    {
        var request = new MedicationRequest { Id = "m", Medication = new ResourceReference("Medication/01a2") };

        var row = RecordRows.Medication(request);

        Assert.Equal("unresolved Medication/01a2", row.Name);
        Assert.Null(row.Code);
    }

    [Theory]
    [InlineData("AMB", null, "ambulatory")]
    [InlineData("EMER", null, "emergency")]
    [InlineData("AMB", "outpatient visit", "outpatient visit")]
    [InlineData("XYZ", null, "XYZ")]
    public void Encounter_Class_DisplayOrActCodeWords(string code, string? display, string expected)
    {
        var encounter = new Encounter { Id = "e", Class = new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", code, display) };

        Assert.Equal(expected, RecordRows.Encounter(encounter).Class);
    }
}
