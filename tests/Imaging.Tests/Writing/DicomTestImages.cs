using ClinicalAgent.Imaging.Writing;

namespace ClinicalAgent.Imaging.Tests.Writing;

/// <summary>Small DICOM images with every identity tag set, varying only what a test is about.</summary>
internal static class DicomTestImages
{
    public static DicomImage With(DicomPixelData pixels, string modality = "CR", string sopClass = DicomImage.ComputedRadiographyStorage) => new()
    {
        PatientId = "S1234567",
        PatientName = "Doe^Jane",
        PatientBirthDate = new DateOnly(1961, 4, 2),
        PatientSex = "F",
        StudyInstanceUid = DicomUid.FromName("study"),
        StudyDateTime = new DateTimeOffset(2023, 11, 12, 14, 30, 5, TimeSpan.FromHours(-5)),
        AccessionNumber = "ACC1",
        StudyDescription = "XR Chest PA",
        SeriesInstanceUid = DicomUid.FromName("series"),
        Modality = modality,
        SeriesDescription = "PA",
        BodyPart = "CHEST",
        ViewPosition = "PA",
        SopClassUid = sopClass,
        SopInstanceUid = DicomUid.FromName("instance"),
        Pixels = pixels,
    };

    /// <summary>A gradient that uses the whole range of <paramref name="bits"/> bits.</summary>
    public static ushort[] Gradient(int width, int height, int bits) =>
        [.. Enumerable.Range(0, width * height).Select(i => (ushort)(i * 7919 % (1 << bits)))];
}
