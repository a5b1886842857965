using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Audit;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Serialization;
using Hl7.Fhir.Model;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Tools.Tests.Images;

public sealed class ImageToolAuditTests(ImageRecordFixture fixture) : IClassFixture<ImageRecordFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-image-audit-").FullName;

    [Fact]
    public async Task CallAsync_DescribeImage_RecordsAReadCitingTheImagesResourceButNotTheQuestionOrAnswer()
    {
        using var services = new ServiceCollection()
            .AddSingleton<IFhirGateway>(fixture.Store)
            .AddSingleton<IChatClient>(new RecordingVisionClient("Small left effusion."))
            .AddClinicalTools(o => o.Now = ImageRecordFixture.Now)
            .AddAudit(o => o.Database = Path.Combine(_folder, "tools.audit.db"))
            .BuildServiceProvider();
        var tools = services.GetRequiredService<ClinicalToolbox>();

        await tools.CallAsync("describe_image", new Dictionary<string, object?> { ["image_id"] = "ImagingStudy/study-1#1.1", ["question"] = "Any effusion?" });
        await services.GetRequiredService<IAuditSink>().FlushAsync();
        var bundle = await services.GetRequiredService<AuditLog>().SearchAsync(SearchQuery.Empty);

        var audit = Assert.Single(bundle.Entry.Select(e => e.Resource).OfType<AuditEvent>());
        Assert.Equal("describe_image", audit.Subtype[0].Code);
        Assert.Equal(AuditEvent.AuditEventAction.R, audit.Action);
        Assert.Contains(audit.Entity, e => e.Role.Code == "4" && e.What.Reference == "ImagingStudy/study-1");
        var json = FhirJson.Serialize(audit);
        Assert.DoesNotContain("effusion", json, StringComparison.OrdinalIgnoreCase);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
