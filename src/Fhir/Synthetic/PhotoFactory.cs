using ClinicalAgent.Imaging;
using ClinicalAgent.Imaging.Synthetic;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>
/// Builds a dermatology photograph: in the standard style a Media with the PNG inline; in the Synthea style a
/// DocumentReference whose attachment points at a Binary, as exports that keep files apart do.
/// </summary>
internal static class PhotoFactory
{
    private static readonly string[] Sites = ["skin of upper back", "skin of left forearm", "skin of right shoulder", "skin of chest wall", "skin of left calf"];

    public static (List<Resource> Resources, SyntheticImageFinding Finding) Create(
        Patient patient, PlannedImage image, int photo, SyntheticStyle style, SyntheticRandom rng, Func<string> nextBinaryId)
    {
        var mrn = patient.Id!;
        var rendered = SkinPhotographRenderer.Render(image.Lesion, image.PixelSeed);
        var png = PngEncoding.Encode(rendered.Pixels);
        var site = rng.Pick(Sites);
        var bodySite = Codes.Concept(Codes.Snomed, "39937001", "Skin structure", site);
        var title = $"Dermatology photograph, {site}";
        var suspicious = image.Lesion == SkinLesion.MelanomaSuspicious;
        var finding = new SyntheticImageFinding(
            mrn, "", SyntheticImageFindings.SkinPhoto, ClinicTime.Text(image.Time),
            [suspicious ? "melanoma-suspicious" : "benign-nevus"], SyntheticImageFindings.SkinLabels, suspicious ? "melanoma" : "benign nevus");
        var note = new Annotation { Text = $"Pigmented lesion, {site}; photographed for the record and follow-up." };

        if (style == SyntheticStyle.Standard)
        {
            var media = new Media
            {
                Id = $"{mrn}-media-{photo}",
                Status = EventStatus.Completed,
                Type = Codes.Concept("http://terminology.hl7.org/CodeSystem/media-type", "image", "Image"),
                Modality = Codes.Concept(ImagingCodes.Dicom, "XC", "External-camera Photography"),
                Subject = Codes.Ref("Patient", mrn),
                Encounter = Codes.Ref("Encounter", image.Encounter.Id!),
                Created = ClinicTime.DateTime(image.Time),
                BodySite = bodySite,
                Width = rendered.Pixels.Width,
                Height = rendered.Pixels.Height,
                Frames = 1,
                Content = new Attachment { ContentType = "image/png", Data = png, Title = title, Creation = ClinicTime.Text(image.Time) },
                Note = [note],
            };
            return ([media], finding with { ImageId = $"Media/{media.Id}" });
        }

        var documentId = $"{mrn}-photo-{photo}";
        var binary = new Binary
        {
            Id = nextBinaryId(),
            ContentType = "image/png",
            SecurityContext = Codes.Ref("DocumentReference", documentId),
            Data = png,
        };
        var document = new DocumentReference
        {
            Id = documentId,
            Status = DocumentReferenceStatus.Current,
            Type = Codes.Concept(Codes.Loinc, "72170-4", "Photographic image", "Clinical photograph"),
            Subject = Codes.Ref("Patient", mrn),
            Date = image.Time,
            Description = title,
            Content =
            [
                new DocumentReference.ContentComponent
                {
                    Attachment = new Attachment { ContentType = "image/png", Url = $"Binary/{binary.Id}", Title = title, Creation = ClinicTime.Text(image.Time) },
                },
            ],
            Context = new DocumentReference.ContextComponent { Encounter = [Codes.Ref("Encounter", image.Encounter.Id!)] },
        };
        return ([binary, document], finding with { ImageId = $"DocumentReference/{document.Id}#1" });
    }
}
