using ClinicalAgent.Tools.Formatting;
using ClinicalAgent.Tools.Plugins;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Tools.Tests.Plugins;

/// <summary>Medications and encounters on both generator styles, checked against the source resources.</summary>
public abstract class ClinicalRecordPluginTests<TFixture>(TFixture fixture)
    where TFixture : ToolsFixture
{
    private readonly ClinicalRecordPlugin _plugin = fixture.Get<ClinicalRecordPlugin>();

    [Fact]
    public async Task GetMedications_EveryOrder_NamesAndCodesTheProductHoweverItIsGiven()
    {
        foreach (var patient in fixture.Of<Patient>())
        {
            var expected = fixture.Of<MedicationRequest>()
                .Where(m => m.Subject.Reference == "Patient/" + patient.Id)
                .ToDictionary(m => $"MedicationRequest/{m.Id}", ProductOf);

            var result = ToolsFixture.Parse(await _plugin.GetMedicationsAsync(patient.Id!, limit: 1000));

            var rows = ToolTable.Rows(result);
            Assert.Equal(expected.Count, rows.Count);
            foreach (var row in rows)
            {
                var (code, name) = expected[row.GetProperty("id").GetString()!];
                Assert.Equal(code, row.GetProperty("code").GetString());
                Assert.Equal(name, row.GetProperty("name").GetString());
            }
        }
    }

    [Fact]
    public async Task GetMedications_StructuredDosage_DoseRouteAndFrequency()
    {
        var request = fixture.Of<MedicationRequest>().First(m => m.DosageInstruction[0].AsNeeded is FhirBoolean { Value: false });
        var dosage = request.DosageInstruction[0];
        var dose = (Quantity)dosage.DoseAndRate[0].Dose;

        var result = ToolsFixture.Parse(await _plugin.GetMedicationsAsync(request.Subject.Reference, limit: 1000));

        var row = ToolTable.Rows(result).Single(r => r.GetProperty("id").GetString() == $"MedicationRequest/{request.Id}");
        Assert.Equal($"{dose.Value} {dose.Unit}", row.GetProperty("dose").GetString());
        Assert.Equal(dosage.Route.Text ?? dosage.Route.Coding[0].Display, row.GetProperty("route").GetString());
        var perDay = dosage.Timing.Repeat.Frequency;
        Assert.Equal(perDay == 1 ? "once a day" : $"{perDay} times a day", row.GetProperty("frequency").GetString());
        Assert.Equal(dosage.Text, row.GetProperty("dosage").GetString());
    }

    [Fact]
    public async Task GetEncounters_ActCodeClass_ShownAsWords()
    {
        var patient = fixture.Of<Patient>().First();
        var expected = fixture.Of<Encounter>().Where(e => e.Subject.Reference == "Patient/" + patient.Id)
            .ToDictionary(e => $"Encounter/{e.Id}", e => e.Class.Code switch { "AMB" => "ambulatory", "EMER" => "emergency", _ => "inpatient encounter" });

        var result = ToolsFixture.Parse(await _plugin.GetEncountersAsync(patient.Id!, limit: 1000));

        Assert.All(ToolTable.Rows(result), r => Assert.Equal(expected[r.GetProperty("id").GetString()!], r.GetProperty("class").GetString()));
    }

    private (string? Code, string? Name) ProductOf(MedicationRequest request)
    {
        var concept = request.Medication switch
        {
            CodeableConcept c => c,
            ResourceReference { Reference: ['#', .. var local] } => request.Contained.OfType<Medication>().Single(m => m.Id == local).Code,
            ResourceReference r => fixture.Of<Medication>().Single(m => $"Medication/{m.Id}" == r.Reference).Code,
            _ => throw new InvalidOperationException("An order without a product."),
        };
        return (concept.Coding[0].Code, concept.Text ?? concept.Coding[0].Display);
    }
}
