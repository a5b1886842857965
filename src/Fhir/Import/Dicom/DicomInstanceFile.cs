using ClinicalAgent.Imaging.Dicom;

namespace ClinicalAgent.Fhir.Import.Dicom;

/// <summary>One DICOM file to import: its bytes and the attributes ImagingStudy needs.</summary>
internal sealed record DicomInstanceFile(string Path, byte[] Bytes, DicomDataset Dataset)
{
    public string StudyUid => Dataset.StudyInstanceUid!;

    public string SeriesUid => Dataset.SeriesInstanceUid!;

    public string SopUid => Dataset.SopInstanceUid!;

    public string PatientId => Dataset.PatientId!;

    /// <summary>Reads a file, or says in one line why it cannot be imported.</summary>
    public static (DicomInstanceFile? File, string? Error) Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = System.IO.File.ReadAllBytes(path);
        }
        catch (IOException e)
        {
            return (null, $"Cannot read {System.IO.Path.GetFileName(path)}: {e.Message}");
        }

        DicomFile file;
        try
        {
            file = DicomFile.Read(bytes);
        }
        catch (ClinicalAgent.Imaging.ImageDecodeException e)
        {
            return (null, $"{System.IO.Path.GetFileName(path)} is not a readable DICOM file: {e.Message}");
        }

        var d = file.Dataset;
        var missing = new[] { ("StudyInstanceUID", d.StudyInstanceUid), ("SeriesInstanceUID", d.SeriesInstanceUid), ("SOPInstanceUID", d.SopInstanceUid), ("PatientID", d.PatientId) }
            .Where(a => string.IsNullOrWhiteSpace(a.Item2)).Select(a => a.Item1).ToList();
        return missing.Count > 0
            ? (null, $"{System.IO.Path.GetFileName(path)} has no {string.Join(", ", missing)}: it cannot be placed in an ImagingStudy.")
            : (new DicomInstanceFile(path, bytes, d), null);
    }
}
