using System.Globalization;

namespace ClinicalAgent.Imaging.Writing;

/// <summary>
/// Writes a <see cref="DicomImage"/> as a DICOM Part 10 file (PS3.10 §7.1): a 128-byte preamble, <c>DICM</c>, the
/// group 0002 file meta information with its group length, then the data set in explicit VR little endian.
/// </summary>
public static class DicomPart10Writer
{
    /// <summary>Explicit VR Little Endian.</summary>
    public const string ExplicitVrLittleEndian = "1.2.840.10008.1.2.1";

    /// <summary>Identifies files this writer made (the implementation class UID of the meta header).</summary>
    public static readonly string ImplementationClassUid = DicomUid.FromName("implementation/ClinicalAgent.Imaging.Writing");

    private const string ImplementationVersion = "CLINICALAGENT1";

    public static byte[] Write(DicomImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var dataSet = DataSet(image).Encode();
        var meta = Meta(image);
        using var output = new MemoryStream(132 + meta.Length + 12 + dataSet.Length);
        output.Write(new byte[128]);
        output.Write("DICM"u8);
        output.Write(new DicomDataSetBuilder().ULong(Tag(0x0002, 0x0000), (uint)meta.Length).Encode());
        output.Write(meta);
        output.Write(dataSet);
        return output.ToArray();
    }

    private static byte[] Meta(DicomImage image) =>
        new DicomDataSetBuilder()
            .Binary(Tag(0x0002, 0x0001), "OB", [0x00, 0x01])
            .Text(Tag(0x0002, 0x0002), "UI", image.SopClassUid)
            .Text(Tag(0x0002, 0x0003), "UI", image.SopInstanceUid)
            .Text(Tag(0x0002, 0x0010), "UI", ExplicitVrLittleEndian)
            .Text(Tag(0x0002, 0x0012), "UI", ImplementationClassUid)
            .Text(Tag(0x0002, 0x0013), "SH", ImplementationVersion)
            .Encode();

    private static DicomDataSetBuilder DataSet(DicomImage image)
    {
        var pixels = image.Pixels;
        var when = image.StudyDateTime;
        var set = new DicomDataSetBuilder()
            .Text(Tag(0x0008, 0x0008), "CS", image.Plane is null ? @"ORIGINAL\PRIMARY" : @"ORIGINAL\PRIMARY\AXIAL")
            .Text(Tag(0x0008, 0x0016), "UI", image.SopClassUid)
            .Text(Tag(0x0008, 0x0018), "UI", image.SopInstanceUid)
            .Text(Tag(0x0008, 0x0020), "DA", Date(DateOnly.FromDateTime(when.DateTime)))
            .Text(Tag(0x0008, 0x0023), "DA", Date(DateOnly.FromDateTime(when.DateTime)))
            .Text(Tag(0x0008, 0x0030), "TM", when.ToString("HHmmss", CultureInfo.InvariantCulture))
            .Text(Tag(0x0008, 0x0033), "TM", when.ToString("HHmmss", CultureInfo.InvariantCulture))
            .Text(Tag(0x0008, 0x0050), "SH", image.AccessionNumber ?? "")
            .Text(Tag(0x0008, 0x0060), "CS", image.Modality)
            .Text(Tag(0x0008, 0x0070), "LO", "ClinicalAgent synthetic")
            .Text(Tag(0x0008, 0x0090), "PN", "")
            .Text(Tag(0x0008, 0x1030), "LO", image.StudyDescription)
            .Text(Tag(0x0008, 0x103E), "LO", image.SeriesDescription)
            .Text(Tag(0x0010, 0x0010), "PN", image.PatientName)
            .Text(Tag(0x0010, 0x0020), "LO", image.PatientId)
            .Text(Tag(0x0010, 0x0030), "DA", image.PatientBirthDate is { } born ? Date(born) : "")
            .Text(Tag(0x0010, 0x0040), "CS", image.PatientSex ?? "")
            .Text(Tag(0x0018, 0x0015), "CS", image.BodyPart)
            .Text(Tag(0x0018, 0x5101), "CS", image.ViewPosition)
            .Text(Tag(0x0020, 0x000D), "UI", image.StudyInstanceUid)
            .Text(Tag(0x0020, 0x000E), "UI", image.SeriesInstanceUid)
            .Text(Tag(0x0020, 0x0010), "SH", "1")
            .Text(Tag(0x0020, 0x0011), "IS", image.SeriesNumber.ToString(CultureInfo.InvariantCulture))
            .Text(Tag(0x0020, 0x0013), "IS", image.InstanceNumber.ToString(CultureInfo.InvariantCulture))
            .UShort(Tag(0x0028, 0x0002), pixels.SamplesPerPixel)
            .Text(Tag(0x0028, 0x0004), "CS", pixels.Photometric)
            .UShort(Tag(0x0028, 0x0010), pixels.Height)
            .UShort(Tag(0x0028, 0x0011), pixels.Width)
            .UShort(Tag(0x0028, 0x0100), pixels.BitsAllocated)
            .UShort(Tag(0x0028, 0x0101), pixels.BitsStored)
            .UShort(Tag(0x0028, 0x0102), pixels.BitsStored - 1)
            .UShort(Tag(0x0028, 0x0103), pixels.Signed ? 1 : 0)
            .Binary(Tag(0x7FE0, 0x0010), pixels.BitsAllocated == 16 ? "OW" : "OB", pixels.Bytes);
        if (pixels.SamplesPerPixel == 3)
            set.UShort(Tag(0x0028, 0x0006), 0);
        if (image.Plane is null)
            set.Text(Tag(0x0020, 0x0020), "CS", @"L\F");
        else
            Plane(set, image.Plane, pixels);
        if (image.Rescale is { } rescale)
        {
            set.Text(Tag(0x0028, 0x1052), "DS", Number(rescale.Intercept))
                .Text(Tag(0x0028, 0x1053), "DS", Number(rescale.Slope))
                .Text(Tag(0x0028, 0x1054), "LO", rescale.Type);
        }

        if (image.Windows.Count > 0)
        {
            set.Text(Tag(0x0028, 0x1050), "DS", string.Join('\\', image.Windows.Select(w => Number(w.Center))))
                .Text(Tag(0x0028, 0x1051), "DS", string.Join('\\', image.Windows.Select(w => Number(w.Width))))
                .Text(Tag(0x0028, 0x1055), "LO", string.Join('\\', image.Windows.Select(w => w.Explanation)));
        }

        return set;
    }

    private static void Plane(DicomDataSetBuilder set, DicomPlane plane, DicomPixelData pixels)
    {
        var spacing = plane.PixelSpacingMm;
        // The centre of the slice at x = y = 0, rows along +x (patient left), columns along +y (posterior).
        var x = -spacing * (pixels.Width - 1) / 2;
        var y = -spacing * (pixels.Height - 1) / 2;
        set.Text(Tag(0x0018, 0x0050), "DS", Number(plane.SliceThicknessMm))
            .Text(Tag(0x0020, 0x0032), "DS", $"{Number(x)}\\{Number(y)}\\{Number(plane.SliceLocationMm)}")
            .Text(Tag(0x0020, 0x0037), "DS", @"1\0\0\0\1\0")
            .Text(Tag(0x0020, 0x0052), "UI", plane.FrameOfReferenceUid)
            .Text(Tag(0x0020, 0x1041), "DS", Number(plane.SliceLocationMm))
            .Text(Tag(0x0028, 0x0030), "DS", $"{Number(spacing)}\\{Number(spacing)}");
    }

    private static string Date(DateOnly date) => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    // A DS value is at most 16 characters: round to what fits.
    private static string Number(decimal value)
    {
        var text = Math.Round(value, 6).ToString("0.######", CultureInfo.InvariantCulture);
        return text.Length <= 16 ? text : Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);
    }

    private static uint Tag(ushort group, ushort element) => ((uint)group << 16) | element;
}
