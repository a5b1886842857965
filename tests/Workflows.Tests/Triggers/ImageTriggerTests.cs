using ClinicalAgent.Workflows.Triggers;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Workflows.Tests.Triggers;

public sealed class ImageTriggerTests
{
    private const string Yaml = """
        name: new-photo
        trigger:
          fhir: Media?modality=XC
          on: created
        steps:
          - id: look
            type: wait
            delay: 1ms
        """;

    [Fact]
    public async Task Poll_NewClinicalPhotograph_StartsOneInstanceForItsPatient()
    {
        using var host = WorkflowTestHost.With(("new-photo", Yaml));
        await host.AddPatientAsync();
        var trigger = new FhirChangeTrigger(host.Engine, host.Fhir, host.Fhir);
        await trigger.PollAsync();
        var photo = await AddMediaAsync(host, "XC");
        await AddMediaAsync(host, "US");

        var started = await trigger.PollAsync();

        Assert.Equal(1, started);
        var instance = Assert.Single(await host.Store.ListAsync());
        Assert.Equal(photo.Id, instance.Variables["trigger"]!["id"]!.GetValue<string>());
        Assert.Equal("Media", instance.Variables["trigger"]!["type"]!.GetValue<string>());
        Assert.Equal(WorkflowTestHost.PatientId, instance.PatientId);
    }

    private static async Task<Media> AddMediaAsync(WorkflowTestHost host, string modality)
    {
        var media = new Media
        {
            Status = EventStatus.Completed,
            Subject = new ResourceReference($"Patient/{WorkflowTestHost.PatientId}"),
            Modality = new CodeableConcept("http://dicom.nema.org/resources/ontology/DCM", modality),
            Content = new Attachment { ContentType = "image/png", Url = "Binary/none" },
        };
        return (Media)(await host.Fhir.CreateAsync(media)).Resource;
    }
}
