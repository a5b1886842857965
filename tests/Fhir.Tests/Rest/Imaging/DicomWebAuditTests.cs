using System.Net;
using ClinicalAgent.Fhir.Audit;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Fhir.Tests.Audit;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Time.Testing;

namespace ClinicalAgent.Fhir.Tests.Rest.Imaging;

public sealed class DicomWebAuditTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 10, 15, 0, TimeSpan.Zero);

    [Fact]
    public async System.Threading.Tasks.Task Retrieve_Instance_RecordsAReadOfTheStudyAndItsBinaryForThePatient()
    {
        await using var server = await AuditedFhirServer.StartAsync(new FakeTimeProvider(Now));
        var record = await ImagingRecord.LoadAsync((IEmbeddedFhirStore)server.Gateway);

        using var response = await server.Client.GetAsync(ImagingRecord.DicomWeb(server.Client.BaseAddress!, record.InstancePath));
        var audit = (await server.EventsAsync()).Single();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((AuditCodes.RestfulInteractionSystem, "read"), (audit.Subtype.Single().System, audit.Subtype.Single().Code));
        Assert.Equal($"Patient/{record.Owner}", AuditJson.EntityWithRole(audit, "1")!.What.Reference);
        var read = audit.Entity.Select(e => e.What?.Reference).ToList();
        Assert.Contains($"ImagingStudy/{record.Study.Id}", read);
        Assert.Contains($"Binary/{record.Binary.Id}", read);
    }

    [Fact]
    public async System.Threading.Tasks.Task ReadBinary_AsBytes_RecordsTheReadWithThePatientOfItsSecurityContext()
    {
        await using var server = await AuditedFhirServer.StartAsync(new FakeTimeProvider(Now));
        var record = await ImagingRecord.LoadAsync((IEmbeddedFhirStore)server.Gateway);

        using var response = await server.Client.GetAsync($"Binary/{record.Binary.Id}");
        var audit = (await server.EventsAsync()).Single();

        Assert.Equal("application/dicom", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("read", audit.Subtype.Single().Code);
        Assert.Equal(AuditEvent.AuditEventOutcome.N0, audit.Outcome);
        Assert.Equal($"Patient/{record.Owner}", AuditJson.EntityWithRole(audit, "1")!.What.Reference);
        Assert.Equal($"Binary/{record.Binary.Id}", AuditJson.EntityWithRole(audit, "4")!.What.Reference);
    }
}
