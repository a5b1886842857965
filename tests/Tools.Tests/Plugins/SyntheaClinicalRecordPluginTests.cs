using ClinicalAgent.Fhir;
using ClinicalAgent.Tools.Formatting;
using ClinicalAgent.Tools.Plugins;
using Hl7.Fhir.Model;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Tools.Tests.Plugins;

/// <summary>Medications and encounters over records shaped like real exports (products by reference, bare class codes).</summary>
public sealed class SyntheaClinicalRecordPluginTests(SyntheaToolsFixture fixture)
    : ClinicalRecordPluginTests<SyntheaToolsFixture>(fixture), IClassFixture<SyntheaToolsFixture>
{
    private readonly SyntheaToolsFixture _fixture = fixture;

    [Fact]
    public void Fixture_HasOrdersByReferenceAndContained()
    {
        // The product test above is only as good as the shapes it meets.
        var requests = _fixture.Of<MedicationRequest>().ToList();
        Assert.Contains(requests, r => r.Medication is ResourceReference { Reference: ['#', ..] });
        Assert.Contains(requests, r => r.Medication is ResourceReference { Reference: ['M', ..] });
        Assert.Contains(requests, r => r.Medication is CodeableConcept);
        Assert.All(_fixture.Of<Encounter>(), e => Assert.Null(e.Class.Display));
    }

    [Fact]
    public async Task GetMedications_ServerRefusesInclude_StillNamesEveryProduct()
    {
        var gateway = new IncludeRefusingGateway(_fixture.Store);
        using var services = new ServiceCollection().AddSingleton<IFhirGateway>(gateway).AddClinicalTools(o => o.Now = ToolsFixture.Now).BuildServiceProvider();
        var request = _fixture.Of<MedicationRequest>().First(r => r.Medication is ResourceReference { Reference: ['M', ..] });
        var medication = _fixture.Of<Medication>().Single(m => $"Medication/{m.Id}" == ((ResourceReference)request.Medication).Reference);

        var result = ToolsFixture.Parse(await services.GetRequiredService<ClinicalRecordPlugin>().GetMedicationsAsync(request.Subject.Reference, limit: 1000));

        var row = ToolTable.Rows(result).Single(r => r.GetProperty("id").GetString() == $"MedicationRequest/{request.Id}");
        Assert.Equal(medication.Code.Text, row.GetProperty("name").GetString());
        Assert.True(gateway.Refused > 0);
    }
}
