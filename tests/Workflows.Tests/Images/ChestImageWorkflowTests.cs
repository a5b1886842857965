using ClinicalAgent.Imaging;
using ClinicalAgent.Tools.Tests.Images;
using ClinicalAgent.Tools.Writes;
using ClinicalAgent.Workflows.Definitions;
using ClinicalAgent.Workflows.Engine;
using ClinicalAgent.Workflows.Persistence;
using ClinicalAgent.Workflows.Triggers;
using Hl7.Fhir.Model;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Workflows.Tests.Images;

public sealed class ChestImageWorkflowTests
{
    private const string Workflow = "chest-image-preliminary-report";
    private const string Answer = "Blunting of the left costophrenic angle, likely a small effusion; heart size normal.";

    [Fact]
    public void LoadFile_Sample_Valid()
    {
        var (definition, errors) = WorkflowCatalog.LoadFile(Path.Combine(AppContext.BaseDirectory, "samples", Workflow + ".yaml"));

        Assert.Empty(errors);
        Assert.Equal("ImagingStudy?bodysite=51185008", definition!.Trigger.Fhir);
        Assert.Equal([StepType.Tool, StepType.Tool], definition.Steps.Where(s => s.Type == StepType.Tool).Select(s => s.Type));
    }

    [Fact]
    public async Task NewChestStudy_DescribedClassifiedApproved_WritesOnePreliminaryAiLabelledReport()
    {
        var chat = new RecordingVisionClient(Answer);
        var classifier = new RecordingClassifier();
        using var host = new WorkflowTestHost(() => chat, null, s => s.AddSingleton<IZeroShotImageClassifier>(classifier), SampleWorkflows.Get(Workflow));
        await host.AddPatientAsync();
        var trigger = new FhirChangeTrigger(host.Engine, host.Fhir, host.Fhir);
        await trigger.PollAsync();
        var chest = TestImages.Pixels(48, 40, 9);
        var study = await AddChestStudyAsync(host, chest, "51185008");

        var started = await trigger.PollAsync();
        var instance = Assert.Single(await host.Store.ListAsync());
        var parked = await host.Engine.RunAsync(instance.Id);
        var approval = await host.Store.GetApprovalAsync(instance.Id, "approve");
        var reportsBefore = await host.CountAsync("DiagnosticReport");
        await host.Engine.ApproveAsync(instance.Id, "dr.rad");
        var done = await host.Engine.RunAsync(instance.Id);

        Assert.Equal(1, started);
        Assert.Equal(InstanceStatus.WaitingApproval, parked.Status);
        Assert.Equal(0, reportsBefore);
        Assert.Equal(chest.Rgb24, MedicalImageDecoder.Decode(Assert.Single(chat.LastImages).Data.ToArray()).Rgb24);
        Assert.Contains("lungs, pleura, heart size", chat.LastText, StringComparison.Ordinal);
        Assert.Equal(chest.Rgb24, classifier.Image!.Rgb24);
        Assert.Equal("a chest X-ray with a pleural effusion", classifier.Labels![0]);
        Assert.Contains(Answer, approval!.Message, StringComparison.Ordinal);
        Assert.Contains("effusion 0.01, enlarged heart 0.02, opacity 0.03, normal 0.04", approval.Message, StringComparison.Ordinal);
        Assert.True(done.Status == InstanceStatus.Completed, done.Error);
        var report = (DiagnosticReport)await host.Fhir.ReadAsync("DiagnosticReport", done.Variables["report"]!["id"]!.GetValue<string>());
        Assert.Equal(DiagnosticReport.DiagnosticReportStatus.Preliminary, report.Status);
        Assert.Equal(("http://terminology.hl7.org/CodeSystem/v2-0074", "RAD"), (report.Category[0].Coding[0].System, report.Category[0].Coding[0].Code));
        Assert.Equal($"ImagingStudy/{study.Id}", Assert.Single(report.ImagingStudy).Reference);
        Assert.Equal($"Patient/{WorkflowTestHost.PatientId}", report.Subject.Reference);
        Assert.Equal("2023-10-01T09:00:00+00:00", ((FhirDateTime)report.Effective).Value);
        Assert.StartsWith("AI-assisted preliminary report", report.Conclusion, StringComparison.Ordinal);
        Assert.Contains(Answer, report.Conclusion, StringComparison.Ordinal);
        Assert.Contains(report.Meta.Security, c => c.System == AiTransparency.ObservationValueSystem && c.Code == AiTransparency.AiAssertedCode);
        Assert.Equal("dr.rad", Assert.Single(report.ResultsInterpreter).Display);
        var provenance = Assert.Single((await host.Fhir.SearchAsync("Provenance", ClinicalAgent.Fhir.Search.SearchQuery.Parse($"target=DiagnosticReport/{report.Id}"))).Entry.Select(e => e.Resource).OfType<Provenance>());
        Assert.Contains(provenance.Entity, e => e.What.Reference == $"ImagingStudy/{study.Id}");
        Assert.Contains(provenance.Agent, a => a.Type.Coding.Any(c => c.Code == "verifier") && a.Who.Display == "dr.rad");
        Assert.Equal(1, await host.CountAsync("DiagnosticReport"));
    }

    [Fact]
    public async Task NewStudyOfAnotherBodySite_StartsNothing()
    {
        using var host = new WorkflowTestHost(() => new RecordingVisionClient(), null, null, SampleWorkflows.Get(Workflow));
        await host.AddPatientAsync();
        var trigger = new FhirChangeTrigger(host.Engine, host.Fhir, host.Fhir);
        await trigger.PollAsync();
        await AddChestStudyAsync(host, TestImages.Pixels(8, 8, 1), "12738006");

        var started = await trigger.PollAsync();

        Assert.Equal(0, started);
    }

    [Fact]
    public async Task NoClassifier_FailsTheInstanceSayingHowToSetItUpAndWritesNothing()
    {
        using var host = new WorkflowTestHost(() => new RecordingVisionClient(), null, null, SampleWorkflows.Get(Workflow));
        await host.AddPatientAsync();
        var study = await AddChestStudyAsync(host, TestImages.Pixels(8, 8, 1), "51185008");
        var start = new StartRequest(
            Trigger: new System.Text.Json.Nodes.JsonObject { ["kind"] = "fhir", ["type"] = "ImagingStudy", ["id"] = study.Id },
            TriggerKey: $"fhir:ImagingStudy/{study.Id}/1");

        var done = await host.Engine.StartAndRunAsync(Workflow, start);

        Assert.Equal(InstanceStatus.Failed, done.Status);
        Assert.Contains("model pull medsiglip", done.Error, StringComparison.Ordinal);
        Assert.Equal(0, await host.CountAsync("DiagnosticReport"));
    }

    private static async Task<ImagingStudy> AddChestStudyAsync(WorkflowTestHost host, ImagePixels pixels, string bodySite)
    {
        var binary = (Binary)(await host.Fhir.CreateAsync(new Binary { ContentType = "image/png", Data = PngEncoding.Encode(pixels) })).Resource;
        var instance = new ImagingStudy.InstanceComponent { Uid = "2.25.9.1.1", SopClass = new Coding("urn:ietf:rfc:3986", "urn:oid:1.2.840.10008.5.1.4.1.1.1.1"), Number = 1 };
        instance.SetExtension("http://clinicalagent.local/fhir/StructureDefinition/instance-binary", new ResourceReference($"Binary/{binary.Id}"));
        var study = new ImagingStudy
        {
            Status = ImagingStudy.ImagingStudyStatus.Available,
            Subject = new ResourceReference($"Patient/{WorkflowTestHost.PatientId}"),
            Started = "2023-10-01T09:00:00+00:00",
            Series =
            [
                new ImagingStudy.SeriesComponent
                {
                    Uid = "2.25.9.1",
                    Modality = new Coding("http://dicom.nema.org/resources/ontology/DCM", "CR"),
                    BodySite = new Coding("http://snomed.info/sct", bodySite),
                    Instance = [instance],
                },
            ],
        };
        return (ImagingStudy)(await host.Fhir.CreateAsync(study)).Resource;
    }
}
