using ClinicalAgent.Tools.Formatting;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Tools.Images;

/// <summary>
/// The images a resource holds, numbered as <see cref="ImageId"/> says: each instance of an ImagingStudy, a Media's
/// content, and the image attachments (<c>image/*</c>, <c>application/dicom</c>) of a DocumentReference or a
/// DiagnosticReport's presentedForm.
/// </summary>
internal static class ImageSources
{
    /// <summary>The extension on an ImagingStudy instance that names the Binary holding its DICOM file.</summary>
    public const string InstanceBinaryUrl = "http://clinicalagent.local/fhir/StructureDefinition/instance-binary";

    public static IEnumerable<ImageEntry> Of(Resource resource) => resource switch
    {
        ImagingStudy study => Study(study),
        Media media => Media(media),
        DocumentReference document => Attachments(document, document.Content.Select(c => c.Attachment), FhirText.Moment(document.Date), null, RecordRows.Title(document)),
        DiagnosticReport report => Attachments(report, report.PresentedForm, FhirText.When(report.Effective) ?? FhirText.Moment(report.Issued), null, FhirText.Name(report.Code)),
        _ => [],
    };

    /// <summary>Whether an attachment is an image the decoder may read: its content type says so.</summary>
    public static bool IsImage(Attachment? attachment) =>
        attachment?.ContentType is { } type
        && (type.StartsWith("image/", StringComparison.OrdinalIgnoreCase) || type.StartsWith("application/dicom", StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<ImageEntry> Study(ImagingStudy study)
    {
        for (var s = 0; s < study.Series.Count; s++)
        {
            var series = study.Series[s];
            for (var i = 0; i < series.Instance.Count; i++)
            {
                var instance = series.Instance[i];
                var binary = instance.GetExtension(InstanceBinaryUrl)?.Value as ResourceReference;
                yield return new ImageEntry(new ImageId("ImagingStudy", study.Id ?? "", Series: s + 1, Instance: i + 1), study)
                {
                    PatientId = PatientOf(study.Subject),
                    Modality = series.Modality?.Code ?? study.Modality.Select(m => m.Code).FirstOrDefault(),
                    BodySite = series.BodySite?.Display ?? series.BodySite?.Code,
                    Date = series.Started ?? study.Started,
                    Title = series.Description ?? study.Description ?? instance.Title,
                    ContentType = binary is null ? null : "application/dicom",
                    BinaryReference = binary?.Reference,
                };
            }
        }
    }

    private static IEnumerable<ImageEntry> Media(Media media)
    {
        var content = media.Content;
        // A Media may be a video or a sound recording: only images are the image tools' business.
        if (!IsImage(content))
        {
            yield break;
        }

        yield return Entry(new ImageId("Media", media.Id ?? ""), media, content) with
        {
            PatientId = PatientOf(media.Subject),
            Modality = FhirText.Code(media.Modality) ?? FhirText.Name(media.Modality),
            BodySite = FhirText.Name(media.BodySite),
            Date = FhirText.When(media.Created) ?? FhirText.Moment(media.Issued),
            Title = content.Title ?? FhirText.Name(media.View) ?? FhirText.Name(media.Type),
            Width = media.Width ?? null,
            Height = media.Height ?? null,
        };
    }

    private static IEnumerable<ImageEntry> Attachments(DomainResource resource, IEnumerable<Attachment?> attachments, string? date, string? bodySite, string? title)
    {
        var subject = resource switch
        {
            DocumentReference d => d.Subject,
            DiagnosticReport r => r.Subject,
            _ => null,
        };
        var n = 0;
        foreach (var attachment in attachments.Where(IsImage))
        {
            n++;
            yield return Entry(new ImageId(resource.TypeName, resource.Id ?? "", Attachment: n), resource, attachment!) with
            {
                PatientId = PatientOf(subject),
                BodySite = bodySite,
                Date = date,
                Title = attachment!.Title ?? title,
            };
        }
    }

    private static ImageEntry Entry(ImageId id, Resource resource, Attachment attachment) => new(id, resource)
    {
        ContentType = attachment.ContentType,
        Bytes = attachment.Data is { Length: > 0 } data ? data.Length : attachment.Size,
        Data = attachment.Data is { Length: > 0 } inline ? inline : null,
        BinaryReference = attachment.Url,
    };

    private static string? PatientOf(ResourceReference? subject) =>
        subject?.Reference is { } reference && reference.StartsWith("Patient/", StringComparison.Ordinal) ? reference["Patient/".Length..] : null;
}
