using ClinicalAgent.Fhir.Serialization;
using ClinicalAgent.Fhir.Synthetic;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Tests.Synthetic;

/// <summary>The Synthea style reshapes the same patients: every fact kept, only the shape of real exports added.</summary>
public sealed class SyntheaStyleTests(SyntheticPopulationFixture population) : IClassFixture<SyntheticPopulationFixture>
{
    private readonly List<Resource> _synthea = [.. new SyntheticPatientGenerator(population.Options with { Style = SyntheticStyle.Synthea }).Generate()];

    [Fact]
    public void Generate_SameOptions_IdenticalBytes()
    {
        var options = population.Options with { Style = SyntheticStyle.Synthea };

        Assert.Equal(SyntheticPopulationFixture.ToNdjson(options), SyntheticPopulationFixture.ToNdjson(options));
        Assert.NotEqual(population.Ndjson, SyntheticPopulationFixture.ToNdjson(options));
    }

    [Fact]
    public void Generate_EveryObservation_SameValueAndTimeAsTheStandardStyle()
    {
        var standard = population.Resources.OfType<Observation>().ToDictionary(o => o.Id!);

        var reshaped = _synthea.OfType<Observation>().Where(o => o.Category[0].Coding[0].Code != "survey").ToList();

        Assert.Equal(standard.Count, reshaped.Count);
        Assert.All(reshaped, o =>
        {
            var original = standard[o.Id!];
            Assert.Equal(FhirJson.Serialize(original.Value ?? new FhirString("none")), FhirJson.Serialize(o.Value ?? new FhirString("none")));
            Assert.Equal(((FhirDateTime)original.Effective).Value, ((FhirDateTime)o.Effective).Value);
            foreach (var component in original.Component)
            {
                var same = o.Component.Single(c => c.Code.Coding[0].Code == component.Code.Coding[0].Code);
                Assert.Equal(((Quantity)component.Value).Value, ((Quantity)same.Value).Value);
            }
        });
    }

    [Fact]
    public void Generate_RealWorldShapes_AllPresent()
    {
        var observations = _synthea.OfType<Observation>().ToList();

        Assert.All(observations.Where(o => o.Code.Coding[0].Code == "85354-9"), o => Assert.Equal("8462-4", o.Component[0].Code.Coding[0].Code));
        Assert.Contains(observations, o => o.Code.Coding[0].Code == "6298-4");
        Assert.Contains(observations, o => o.Code.Coding[0].Code == "2823-3");
        Assert.Contains(observations, o => o.Code.Coding[0].Code == "2947-0");
        Assert.Contains(observations, o => o.Code.Coding[0].Code == "38483-4");
        Assert.Contains(observations, o => o.Code.Coding[0].Code == "55757-9" && o.Component[0].Value is CodeableConcept);
        Assert.Contains(_synthea.OfType<Patient>(), p => p.Deceased is FhirDateTime);
        Assert.Contains(_synthea.OfType<MedicationRequest>(), r => r.Medication is ResourceReference { Reference: ['#', ..] } && r.Contained.Count == 1);
        Assert.All(_synthea.OfType<Encounter>(), e => Assert.Null(e.Class.Display));
    }

    [Fact]
    public void Generate_MedicationReferences_PointToAMedicationYieldedEarlier()
    {
        var seen = new HashSet<string>();
        foreach (var resource in _synthea)
        {
            if (resource is MedicationRequest { Medication: ResourceReference { Reference: ['M', ..] reference } })
            {
                Assert.Contains(reference, seen);
            }

            seen.Add($"{resource.TypeName}/{resource.Id}");
        }

        Assert.Contains(_synthea, r => r is Medication);
    }

    [Fact]
    public void Generate_DeathDate_AfterEveryEncounterAndNotAfterNow()
    {
        foreach (var patient in _synthea.OfType<Patient>().Where(p => p.Deceased is FhirDateTime))
        {
            var died = ((FhirDateTime)patient.Deceased).ToDateTimeOffset(TimeSpan.Zero);
            var encounters = _synthea.OfType<Encounter>().Where(e => e.Subject.Reference == "Patient/" + patient.Id);

            Assert.All(encounters, e => Assert.True(new FhirDateTime(e.Period.End ?? e.Period.Start).ToDateTimeOffset(TimeSpan.Zero) < died));
            Assert.True(died <= population.Options.Now);
        }
    }
}
