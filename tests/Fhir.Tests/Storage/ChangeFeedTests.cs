using ClinicalAgent.Fhir.Storage;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Tests.Storage;

public sealed class ChangeFeedTests
{
    [Fact]
    public async Task ReadChanges_CreatesAndUpdates_InCommitOrderWithVersions()
    {
        using var temp = new TempStore();
        var start = await temp.Store.LatestChangeSequenceAsync();
        var patient = (Patient)(await temp.Store.CreateAsync(new Patient { BirthDate = "1970-01-01" })).Resource;
        patient.BirthDate = "1970-01-02";
        await temp.Store.UpdateAsync(patient);
        await temp.Store.CreateAsync(new Observation { Status = ObservationStatus.Final, Code = new CodeableConcept("http://loinc.org", "2823-3"), Subject = new ResourceReference($"Patient/{patient.Id}") });

        var changes = await temp.Store.ReadChangesAsync(start);

        Assert.Equal(0, start);
        Assert.Equal([("Patient", 1), ("Patient", 2), ("Observation", 1)], changes.Select(c => (c.Type, c.Version)));
        Assert.True(changes.Zip(changes.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence));
        Assert.True(changes[0].Created);
        Assert.False(changes[1].Created);
        Assert.Equal(changes[^1].Sequence, await temp.Store.LatestChangeSequenceAsync());
    }

    [Fact]
    public async Task ReadChanges_AfterPosition_ReturnsOnlyLaterOnes_AndFailedWritesLeaveNone()
    {
        using var temp = new TempStore();
        await temp.Store.CreateAsync(new Patient());
        var position = await temp.Store.LatestChangeSequenceAsync();
        await Assert.ThrowsAsync<FhirGatewayException>(() => temp.Store.CreateAsync(new Observation { Status = ObservationStatus.Final, Code = new CodeableConcept("http://loinc.org", "1"), Subject = new ResourceReference("Patient/missing") }));
        await temp.Store.CreateAsync(new Patient());

        var changes = await temp.Store.ReadChangesAsync(position, max: 10);

        var change = Assert.Single(changes);
        Assert.Equal("Patient", change.Type);
    }
}
