using Hl7.Fhir.Model;

namespace ClinicalAgent.Tools.Tests.Plugins;

/// <summary>The patient tools over records shaped like real exports.</summary>
public sealed class SyntheaPatientPluginTests(SyntheaToolsFixture fixture)
    : PatientPluginTests<SyntheaToolsFixture>(fixture), IClassFixture<SyntheaToolsFixture>
{
    private readonly SyntheaToolsFixture _fixture = fixture;

    [Fact]
    public void Fixture_HasADeceasedPatient()
    {
        // The deceased-patient test above checks nothing without one.
        Assert.Contains(_fixture.Of<Patient>(), p => p.Deceased is FhirDateTime);
    }
}
