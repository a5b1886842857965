namespace ClinicalAgent.Imaging.Writing;

/// <summary>Where a cross-sectional slice lies (the image plane module): what a CT viewer stacks slices by.</summary>
/// <param name="PixelSpacingMm">Row spacing and column spacing, in millimetres.</param>
/// <param name="SliceThicknessMm">Nominal slice thickness.</param>
/// <param name="SliceLocationMm">The slice's position along the patient axis; ImagePositionPatient's z.</param>
/// <param name="FrameOfReferenceUid">Shared by the slices of one acquisition.</param>
public sealed record DicomPlane(decimal PixelSpacingMm, decimal SliceThicknessMm, decimal SliceLocationMm, string FrameOfReferenceUid);
