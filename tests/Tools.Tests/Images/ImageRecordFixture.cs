using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Imaging;
using ClinicalAgent.Tools.Images;
using Hl7.Fhir.Model;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Tools.Tests.Images;

/// <summary>
/// A temp store holding two patients' images in every shape the contract names: an ImagingStudy whose first instance's
/// pixels are a Binary (instance-binary extension) and whose second has none, a Media with inline data, a
/// DocumentReference whose image is a <c>Binary/{id}</c> url after a text attachment, a DiagnosticReport with a PDF
/// and a JPEG in presentedForm, a Media whose data is not an image, a large Media, and the other patient's Media.
/// </summary>
public sealed class ImageRecordFixture : IAsyncLifetime
{
    public const string PatientId = "S0000101";
    public const string OtherPatientId = "S0000102";
    public static readonly DateTimeOffset Now = new(2023, 11, 13, 10, 15, 0, TimeSpan.Zero);

    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-images-").FullName;

    public ImageRecordFixture()
    {
        Store = EmbeddedFhirStore.Open(new FhirStoreOptions { DatabasePath = Path.Combine(_folder, "store.db") });
    }

    public IEmbeddedFhirStore Store { get; }

    /// <summary>The pixels of ImagingStudy/study-1#1.1 (Binary/chest-1).</summary>
    public static ImagePixels Chest => TestImages.Pixels(40, 30, 1);

    /// <summary>The pixels of Media/photo-1.</summary>
    public static ImagePixels Photo => TestImages.Pixels(20, 10, 2);

    /// <summary>The pixels of DocumentReference/scan-1#1 (Binary/scan-1).</summary>
    public static ImagePixels Scan => TestImages.Pixels(16, 24, 3);

    /// <summary>The pixels of Media/photo-other (the other patient).</summary>
    public static ImagePixels OtherPhoto => TestImages.Pixels(12, 12, 4);

    /// <summary>The tools over the store, with the given models (none when null) and option changes.</summary>
    public ServiceProvider Services(IChatClient? chat = null, IZeroShotImageClassifier? classifier = null, Action<ClinicalToolsOptions>? configure = null)
    {
        var services = new ServiceCollection()
            .AddSingleton<IFhirGateway>(Store)
            .AddClinicalTools(o =>
            {
                o.Now = Now;
                configure?.Invoke(o);
            });
        if (chat is not null)
            services.AddSingleton(chat);
        if (classifier is not null)
            services.AddSingleton(classifier);
        return services.BuildServiceProvider();
    }

    public async Task InitializeAsync() => await Store.LoadAsync(Resources());

    public Task DisposeAsync()
    {
        Store.Dispose();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    private static IEnumerable<Resource> Resources()
    {
        var subject = new ResourceReference($"Patient/{PatientId}");
        yield return new Patient { Id = PatientId, Name = [new HumanName { Family = "Image", Given = ["Ida"] }], BirthDate = "1950-02-03" };
        yield return new Patient { Id = OtherPatientId, Name = [new HumanName { Family = "Other", Given = ["Otto"] }], BirthDate = "1961-04-05" };

        // The contract stores DICOM here; a PNG takes the same path (Binary through the gateway, then the one decoder).
        yield return new Binary { Id = "chest-1", ContentType = "image/png", Data = PngEncoding.Encode(Chest), SecurityContext = new ResourceReference("ImagingStudy/study-1") };
        var withPixels = new ImagingStudy.InstanceComponent { Uid = "2.25.1.1.1", SopClass = new Coding("urn:ietf:rfc:3986", "urn:oid:1.2.840.10008.5.1.4.1.1.1.1"), Number = 1 };
        withPixels.SetExtension(ImageSources.InstanceBinaryUrl, new ResourceReference("Binary/chest-1"));
        yield return new ImagingStudy
        {
            Id = "study-1",
            Status = ImagingStudy.ImagingStudyStatus.Available,
            Subject = subject,
            Started = "2023-10-01T09:00:00+00:00",
            Description = "Chest radiograph",
            Series =
            [
                new ImagingStudy.SeriesComponent
                {
                    Uid = "2.25.1.1",
                    Modality = new Coding("http://dicom.nema.org/resources/ontology/DCM", "DX"),
                    BodySite = new Coding("http://snomed.info/sct", "51185008", "Thoracic structure"),
                    Instance =
                    [
                        withPixels,
                        new ImagingStudy.InstanceComponent { Uid = "2.25.1.1.2", SopClass = new Coding("urn:ietf:rfc:3986", "urn:oid:1.2.840.10008.5.1.4.1.1.1.1"), Number = 2 },
                    ],
                },
            ],
        };
        yield return new Media
        {
            Id = "photo-1",
            Status = EventStatus.Completed,
            Subject = subject,
            Created = new FhirDateTime("2023-11-01T14:00:00+00:00"),
            Modality = new CodeableConcept("http://dicom.nema.org/resources/ontology/DCM", "XC", "External-camera Photography"),
            BodySite = new CodeableConcept("http://snomed.info/sct", "368208006", "Left upper arm structure"),
            Width = 20,
            Height = 10,
            Content = new Attachment { ContentType = "image/png", Data = PngEncoding.Encode(Photo), Title = "Lesion photograph" },
        };
        yield return new Binary { Id = "scan-1", ContentType = "image/png", Data = PngEncoding.Encode(Scan) };
        yield return new DocumentReference
        {
            Id = "scan-doc",
            Status = DocumentReferenceStatus.Current,
            Subject = subject,
            Date = new DateTimeOffset(2023, 9, 1, 8, 0, 0, TimeSpan.Zero),
            Content =
            [
                new DocumentReference.ContentComponent { Attachment = new Attachment { ContentType = "text/plain", Data = "Scanned referral."u8.ToArray() } },
                new DocumentReference.ContentComponent { Attachment = new Attachment { ContentType = "image/png", Url = "Binary/scan-1", Title = "Referral scan" } },
            ],
        };
        yield return new DiagnosticReport
        {
            Id = "report-1",
            Status = DiagnosticReport.DiagnosticReportStatus.Final,
            Code = new CodeableConcept("http://loinc.org", "36643-5", "XR Chest 2 Views"),
            Subject = subject,
            Effective = new FhirDateTime("2023-08-01T10:00:00+00:00"),
            PresentedForm =
            [
                new Attachment { ContentType = "application/pdf", Data = "%PDF-1.4"u8.ToArray() },
                new Attachment { ContentType = "image/jpeg", Data = TestImages.Jpeg(32, 32, 5), Title = "Key image" },
            ],
        };
        yield return new Media
        {
            Id = "broken",
            Status = EventStatus.Completed,
            Subject = subject,
            Created = new FhirDateTime("2023-07-01T10:00:00+00:00"),
            Content = new Attachment { ContentType = "image/png", Data = "not a picture at all"u8.ToArray() },
        };
        yield return new Media
        {
            Id = "large",
            Status = EventStatus.Completed,
            Subject = subject,
            Created = new FhirDateTime("2023-06-01T10:00:00+00:00"),
            Content = new Attachment { ContentType = "image/png", Data = TestImages.Png(1800, 900, 6) },
        };
        yield return new Media
        {
            Id = "photo-other",
            Status = EventStatus.Completed,
            Subject = new ResourceReference($"Patient/{OtherPatientId}"),
            Created = new FhirDateTime("2023-10-20T10:00:00+00:00"),
            Content = new Attachment { ContentType = "image/png", Data = PngEncoding.Encode(OtherPhoto) },
        };
        yield return new Observation { Id = "obs-1", Status = ObservationStatus.Final, Code = new CodeableConcept("http://loinc.org", "2823-3"), Subject = subject };
    }
}
