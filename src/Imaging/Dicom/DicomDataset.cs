using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace ClinicalAgent.Imaging.Dicom;

/// <summary>
/// The attributes of a DICOM dataset (or of one sequence item) by tag, with typed getters that read the value as its
/// VR says: text (backslash-separated values), DS/IS numbers, binary US/SS/UL/SL/FL/FD, sequences.
/// </summary>
public sealed class DicomDataset
{
    private readonly Dictionary<DicomTag, DicomElement> _elements = [];

    internal DicomDataset()
    {
    }

    /// <summary>The tags present, in file order.</summary>
    public IEnumerable<DicomTag> Tags => _elements.Keys;

    public string? StudyInstanceUid => GetString(DicomTag.StudyInstanceUid);

    public string? SeriesInstanceUid => GetString(DicomTag.SeriesInstanceUid);

    public string? SopInstanceUid => GetString(DicomTag.SopInstanceUid);

    public string? SopClassUid => GetString(DicomTag.SopClassUid);

    public string? Modality => GetString(DicomTag.Modality);

    public string? PatientId => GetString(DicomTag.PatientId);

    /// <summary>The name as DICOM writes it (<c>Family^Given</c>).</summary>
    public string? PatientName => GetString(DicomTag.PatientName);

    /// <summary>StudyDate (DA, <c>YYYYMMDD</c>) as written.</summary>
    public string? StudyDate => GetString(DicomTag.StudyDate);

    /// <summary>StudyTime (TM, <c>HHMMSS.FFFFFF</c>) as written.</summary>
    public string? StudyTime => GetString(DicomTag.StudyTime);

    public string? BodyPartExamined => GetString(DicomTag.BodyPartExamined);

    public int? SeriesNumber => GetInt(DicomTag.SeriesNumber);

    public int? InstanceNumber => GetInt(DicomTag.InstanceNumber);

    public int? Rows => GetInt(DicomTag.Rows);

    public int? Columns => GetInt(DicomTag.Columns);

    /// <summary>NumberOfFrames; 1 when absent.</summary>
    public int NumberOfFrames => GetInt(DicomTag.NumberOfFrames) ?? 1;

    public bool Contains(DicomTag tag) => _elements.ContainsKey(tag);

    /// <summary>The VR of an attribute as the file gave it (or the dictionary, for implicit VR), or null when absent.</summary>
    public string? GetVr(DicomTag tag) => _elements.TryGetValue(tag, out var e) ? e.Vr : null;

    /// <summary>The first value of a text attribute, trimmed; null when absent or empty.</summary>
    public string? GetString(DicomTag tag) => GetStrings(tag) is [var first, ..] && first.Length > 0 ? first : null;

    /// <summary>All values of a text attribute (split at backslashes, trimmed); empty when absent.</summary>
    public IReadOnlyList<string> GetStrings(DicomTag tag)
    {
        if (!_elements.TryGetValue(tag, out var e) || e.Value.IsEmpty || e.Items is not null)
            return [];
        // Latin-1 keeps every byte one character; the attributes we interpret are ASCII anyway.
        var text = Encoding.Latin1.GetString(e.Value.Span).TrimEnd('\0', ' ');
        return text.Length == 0 ? [] : text.Split('\\').Select(v => v.Trim(' ', '\0')).ToArray();
    }

    /// <summary>The first value as an integer: US, SS, UL, SL binary values or an IS/DS string; null when absent or unreadable.</summary>
    public int? GetInt(DicomTag tag)
    {
        var values = GetDoubles(tag);
        return values.Count > 0 && values[0] is >= int.MinValue and <= int.MaxValue && !double.IsNaN(values[0]) ? (int)values[0] : null;
    }

    /// <summary>The first numeric value; null when absent or unreadable.</summary>
    public double? GetDouble(DicomTag tag) => GetDoubles(tag) is [var first, ..] ? first : null;

    /// <summary>All numeric values (multi-valued DS/IS, or binary US/SS/UL/SL/FL/FD); unreadable DS/IS values are skipped.</summary>
    public IReadOnlyList<double> GetDoubles(DicomTag tag)
    {
        if (!_elements.TryGetValue(tag, out var e) || e.Items is not null)
            return [];
        var span = e.Value.Span;
        return e.Vr switch
        {
            "US" => Binary(span, 2, s => BinaryPrimitives.ReadUInt16LittleEndian(s)),
            "SS" => Binary(span, 2, s => BinaryPrimitives.ReadInt16LittleEndian(s)),
            "UL" => Binary(span, 4, s => BinaryPrimitives.ReadUInt32LittleEndian(s)),
            "SL" => Binary(span, 4, s => BinaryPrimitives.ReadInt32LittleEndian(s)),
            "FL" => Binary(span, 4, s => BinaryPrimitives.ReadSingleLittleEndian(s)),
            "FD" => Binary(span, 8, s => BinaryPrimitives.ReadDoubleLittleEndian(s)),
            _ => GetStrings(tag)
                .Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : (double?)null)
                .Where(d => d is not null).Select(d => d!.Value).ToArray(),
        };
    }

    /// <summary>The items of a sequence attribute; empty when absent or not a sequence.</summary>
    public IReadOnlyList<DicomDataset> GetSequence(DicomTag tag) =>
        _elements.TryGetValue(tag, out var e) && e.Items is not null ? e.Items : [];

    /// <summary>The raw value bytes of an attribute (little endian); empty when absent.</summary>
    public ReadOnlyMemory<byte> GetBytes(DicomTag tag) => _elements.TryGetValue(tag, out var e) ? e.Value : ReadOnlyMemory<byte>.Empty;

    internal DicomElement? Get(DicomTag tag) => _elements.GetValueOrDefault(tag);

    // A repeated tag is malformed; the last one wins rather than failing a file a viewer would open.
    internal void Add(DicomElement element) => _elements[element.Tag] = element;

    private delegate double Reader(ReadOnlySpan<byte> bytes);

    private static double[] Binary(ReadOnlySpan<byte> span, int size, Reader read)
    {
        var values = new double[span.Length / size];
        for (var i = 0; i < values.Length; i++)
            values[i] = read(span.Slice(i * size, size));
        return values;
    }
}
