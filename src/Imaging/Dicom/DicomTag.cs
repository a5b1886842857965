namespace ClinicalAgent.Imaging.Dicom;

/// <summary>A DICOM attribute tag (group, element), printed as DICOM does: <c>(0028,0010)</c>.</summary>
public readonly record struct DicomTag(ushort Group, ushort Element)
{
    public static readonly DicomTag TransferSyntaxUid = new(0x0002, 0x0010);
    public static readonly DicomTag SopClassUid = new(0x0008, 0x0016);
    public static readonly DicomTag SopInstanceUid = new(0x0008, 0x0018);
    public static readonly DicomTag StudyDate = new(0x0008, 0x0020);
    public static readonly DicomTag SeriesDate = new(0x0008, 0x0021);
    public static readonly DicomTag StudyTime = new(0x0008, 0x0030);
    public static readonly DicomTag SeriesTime = new(0x0008, 0x0031);
    public static readonly DicomTag AccessionNumber = new(0x0008, 0x0050);
    public static readonly DicomTag Modality = new(0x0008, 0x0060);
    public static readonly DicomTag StudyDescription = new(0x0008, 0x1030);
    public static readonly DicomTag SeriesDescription = new(0x0008, 0x103E);
    public static readonly DicomTag PatientName = new(0x0010, 0x0010);
    public static readonly DicomTag PatientId = new(0x0010, 0x0020);
    public static readonly DicomTag BodyPartExamined = new(0x0018, 0x0015);
    public static readonly DicomTag StudyInstanceUid = new(0x0020, 0x000D);
    public static readonly DicomTag SeriesInstanceUid = new(0x0020, 0x000E);
    public static readonly DicomTag SeriesNumber = new(0x0020, 0x0011);
    public static readonly DicomTag InstanceNumber = new(0x0020, 0x0013);
    public static readonly DicomTag SamplesPerPixel = new(0x0028, 0x0002);
    public static readonly DicomTag PhotometricInterpretation = new(0x0028, 0x0004);
    public static readonly DicomTag PlanarConfiguration = new(0x0028, 0x0006);
    public static readonly DicomTag NumberOfFrames = new(0x0028, 0x0008);
    public static readonly DicomTag Rows = new(0x0028, 0x0010);
    public static readonly DicomTag Columns = new(0x0028, 0x0011);
    public static readonly DicomTag BitsAllocated = new(0x0028, 0x0100);
    public static readonly DicomTag BitsStored = new(0x0028, 0x0101);
    public static readonly DicomTag HighBit = new(0x0028, 0x0102);
    public static readonly DicomTag PixelRepresentation = new(0x0028, 0x0103);
    public static readonly DicomTag WindowCenter = new(0x0028, 0x1050);
    public static readonly DicomTag WindowWidth = new(0x0028, 0x1051);
    public static readonly DicomTag RescaleIntercept = new(0x0028, 0x1052);
    public static readonly DicomTag RescaleSlope = new(0x0028, 0x1053);
    public static readonly DicomTag VoiLutFunction = new(0x0028, 0x1056);
    public static readonly DicomTag PixelData = new(0x7FE0, 0x0010);

    internal static readonly DicomTag Item = new(0xFFFE, 0xE000);
    internal static readonly DicomTag ItemDelimitation = new(0xFFFE, 0xE00D);
    internal static readonly DicomTag SequenceDelimitation = new(0xFFFE, 0xE0DD);

    public override string ToString() => $"({Group:X4},{Element:X4})";
}
