namespace ClinicalAgent.Imaging.Dicom;

/// <summary>
/// One attribute as read: its value bytes (little endian, as the file held them), the items of a sequence, or the
/// fragments of encapsulated pixel data (the first being the basic offset table).
/// </summary>
internal sealed record DicomElement(DicomTag Tag, string Vr, ReadOnlyMemory<byte> Value)
{
    public IReadOnlyList<DicomDataset>? Items { get; init; }

    public IReadOnlyList<ReadOnlyMemory<byte>>? Fragments { get; init; }
}
