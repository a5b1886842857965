using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>
/// Adds a patient's planned images to the end of the record: per study its Binaries, the ImagingStudy and the report;
/// per photograph its Media or DocumentReference. Returns the ground truth of each image.
/// </summary>
internal static class ImagingRecordBuilder
{
    public static List<SyntheticImageFinding> Append(List<Resource> record, int index, int seed, SyntheticStyle style, SyntheticRandom rng, DateTimeOffset now)
    {
        var findings = new List<SyntheticImageFinding>();
        if (!ImagingPlanner.HasImaging(index))
            return findings;
        var patient = record.OfType<Patient>().Single();
        var encounters = record.OfType<Encounter>().ToList();
        var studies = new ImagingStudyFactory(patient, seed, now);
        int study = 0, photo = 0, binary = 0;
        string NextBinaryId() => $"{patient.Id}-bin-{++binary}";
        foreach (var image in ImagingPlanner.Plan(index, encounters, rng, now))
        {
            if (image.Kind == SyntheticImageFindings.SkinPhoto)
            {
                var (resources, finding) = PhotoFactory.Create(patient, image, ++photo, style, rng, NextBinaryId);
                record.AddRange(resources);
                findings.Add(finding);
            }
            else
            {
                var (resources, drawn) = studies.Create(image, ++study, NextBinaryId);
                record.AddRange(resources);
                findings.AddRange(drawn);
            }
        }

        return findings;
    }
}
