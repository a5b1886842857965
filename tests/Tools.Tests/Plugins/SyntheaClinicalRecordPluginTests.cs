using Hl7.Fhir.Model;

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
}
