using System.Globalization;
using System.Text;
using ClinicalAgent.Imaging.Writing;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>The identity tags of one generated DICOM file, taken from the Patient resource and the study's UIDs.</summary>
internal static class DicomFileFactory
{
    public static DicomImage Image(Patient patient, string studyUid, DateTimeOffset time, string accession, string description,
        string seriesUid, string modality, string sopClass, string sopUid, int instanceNumber, DicomPixelData pixels) => new()
    {
        PatientId = patient.Id!,
        PatientName = Name(patient),
        PatientBirthDate = DateOnly.TryParse(patient.BirthDate, CultureInfo.InvariantCulture, out var born) ? born : null,
        PatientSex = patient.Gender switch
        {
            AdministrativeGender.Female => "F",
            AdministrativeGender.Male => "M",
            _ => "O",
        },
        StudyInstanceUid = studyUid,
        StudyDateTime = time.ToOffset(ClinicTime.Offset),
        AccessionNumber = accession,
        StudyDescription = description,
        SeriesInstanceUid = seriesUid,
        Modality = modality,
        SeriesDescription = description,
        BodyPart = "CHEST",
        ViewPosition = modality == "CT" ? null : "PA",
        SopClassUid = sopClass,
        SopInstanceUid = sopUid,
        InstanceNumber = instanceNumber,
        Pixels = pixels,
    };

    /// <summary><c>Family^Given</c> in the default repertoire: letters outside ASCII lose their accents or are dropped.</summary>
    private static string Name(Patient patient)
    {
        var name = patient.Name.FirstOrDefault();
        var text = $"{name?.Family}^{string.Join(' ', name?.Given ?? [])}".Normalize(NormalizationForm.FormD);
        return new string([.. text.Where(c => c is >= ' ' and <= '~')]);
    }
}
