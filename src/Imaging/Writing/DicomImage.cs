namespace ClinicalAgent.Imaging.Writing;

/// <summary>
/// What one DICOM Part 10 image file says: patient, study, series and instance identity, the pixels, and the optional
/// rescale, VOI windows and slice plane. <see cref="DicomPart10Writer"/> writes it.
/// </summary>
public sealed record DicomImage
{
    /// <summary>CR Image Storage.</summary>
    public const string ComputedRadiographyStorage = "1.2.840.10008.5.1.4.1.1.1";

    /// <summary>Digital X-Ray Image Storage – For Presentation.</summary>
    public const string DigitalXRayStorage = "1.2.840.10008.5.1.4.1.1.1.1";

    /// <summary>CT Image Storage.</summary>
    public const string CtImageStorage = "1.2.840.10008.5.1.4.1.1.2";

    /// <summary>Secondary Capture Image Storage.</summary>
    public const string SecondaryCaptureStorage = "1.2.840.10008.5.1.4.1.1.7";

    /// <summary>Patient ID (0010,0020).</summary>
    public required string PatientId { get; init; }

    /// <summary>Patient's Name (0010,0010) in DICOM PN form, <c>Family^Given</c>.</summary>
    public required string PatientName { get; init; }

    /// <summary>Patient's Birth Date, or null for unknown.</summary>
    public DateOnly? PatientBirthDate { get; init; }

    /// <summary>M, F, O or null for unknown.</summary>
    public string? PatientSex { get; init; }

    public required string StudyInstanceUid { get; init; }

    /// <summary>Study date and time (written in the time's own offset, as DICOM dates carry none).</summary>
    public required DateTimeOffset StudyDateTime { get; init; }

    public string? AccessionNumber { get; init; }

    public string? StudyDescription { get; init; }

    public required string SeriesInstanceUid { get; init; }

    public int SeriesNumber { get; init; } = 1;

    /// <summary>CR, DX, CT, XC (external-camera photography), OT …</summary>
    public required string Modality { get; init; }

    public string? SeriesDescription { get; init; }

    /// <summary>Body Part Examined, e.g. CHEST, SKIN.</summary>
    public string? BodyPart { get; init; }

    /// <summary>View Position for projection radiographs, e.g. PA.</summary>
    public string? ViewPosition { get; init; }

    public required string SopClassUid { get; init; }

    public required string SopInstanceUid { get; init; }

    public int InstanceNumber { get; init; } = 1;

    public required DicomPixelData Pixels { get; init; }

    /// <summary>Rescale intercept and slope (stored value × slope + intercept = output unit); null writes none.</summary>
    public (decimal Intercept, decimal Slope, string Type)? Rescale { get; init; }

    /// <summary>VOI windows, the default first.</summary>
    public IReadOnlyList<DicomWindow> Windows { get; init; } = [];

    /// <summary>The slice plane of cross-sectional images; null for projection images.</summary>
    public DicomPlane? Plane { get; init; }
}
