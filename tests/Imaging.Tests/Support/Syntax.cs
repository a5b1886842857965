namespace ClinicalAgent.Imaging.Tests.Support;

/// <summary>The transfer syntaxes the tests make files in, each with the dcmtk/gdcm command that writes it.</summary>
public enum Syntax
{
    Explicit,
    Implicit,
    Deflated,
    BigEndian,
    Rle,
    JpegBaseline,
    JpegExtended,
    JpegLossless,
    JpegLosslessSv1,
    JpegLs,
    Jpeg2000Lossless,
    Jpeg2000,
}
