namespace ClinicalAgent.Imaging.Dicom;

/// <summary>
/// The VRs of the attributes this reader interprets, for implicit-VR streams (which carry no VR). Anything else is
/// read as UN bytes, which is all we need of it; group lengths are UL.
/// </summary>
internal static class DicomDictionary
{
    private static readonly Dictionary<DicomTag, string> Vrs = new()
    {
        [DicomTag.TransferSyntaxUid] = "UI",
        [new(0x0008, 0x0005)] = "CS",
        [new(0x0008, 0x0008)] = "CS",
        [DicomTag.SopClassUid] = "UI",
        [DicomTag.SopInstanceUid] = "UI",
        [DicomTag.StudyDate] = "DA",
        [DicomTag.SeriesDate] = "DA",
        [DicomTag.StudyTime] = "TM",
        [DicomTag.SeriesTime] = "TM",
        [DicomTag.AccessionNumber] = "SH",
        [new(0x0008, 0x1140)] = "SQ", // Referenced Image Sequence
        [new(0x0008, 0x1150)] = "UI",
        [new(0x0008, 0x1155)] = "UI",
        [DicomTag.Modality] = "CS",
        [DicomTag.StudyDescription] = "LO",
        [DicomTag.SeriesDescription] = "LO",
        [DicomTag.PatientName] = "PN",
        [DicomTag.PatientId] = "LO",
        [new(0x0010, 0x0030)] = "DA",
        [new(0x0010, 0x0040)] = "CS",
        [DicomTag.BodyPartExamined] = "CS",
        [DicomTag.StudyInstanceUid] = "UI",
        [DicomTag.SeriesInstanceUid] = "UI",
        [new(0x0020, 0x0010)] = "SH",
        [DicomTag.SeriesNumber] = "IS",
        [DicomTag.InstanceNumber] = "IS",
        [DicomTag.SamplesPerPixel] = "US",
        [DicomTag.PhotometricInterpretation] = "CS",
        [DicomTag.PlanarConfiguration] = "US",
        [DicomTag.NumberOfFrames] = "IS",
        [DicomTag.Rows] = "US",
        [DicomTag.Columns] = "US",
        [DicomTag.BitsAllocated] = "US",
        [DicomTag.BitsStored] = "US",
        [DicomTag.HighBit] = "US",
        [DicomTag.PixelRepresentation] = "US",
        [DicomTag.WindowCenter] = "DS",
        [DicomTag.WindowWidth] = "DS",
        [DicomTag.RescaleIntercept] = "DS",
        [DicomTag.RescaleSlope] = "DS",
        [DicomTag.VoiLutFunction] = "CS",
        [DicomTag.PixelData] = "OW",
    };

    public static string VrOf(DicomTag tag) =>
        tag.Element == 0x0000 ? "UL" : Vrs.TryGetValue(tag, out var vr) ? vr : "UN";
}
