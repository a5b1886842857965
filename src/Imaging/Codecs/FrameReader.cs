using System.Buffers.Binary;
using ClinicalAgent.Imaging.Dicom;
using ClinicalAgent.Imaging.Rendering;

namespace ClinicalAgent.Imaging.Codecs;

/// <summary>
/// One frame's samples from the pixel data element: sliced from native data, or gathered from encapsulated fragments
/// (by the basic offset table, one fragment per frame, or by where each frame's codestream starts) and decoded.
/// </summary>
internal static class FrameReader
{
    public static DecodedFrame Read(DicomFile file, PixelModule m, int frame)
    {
        var element = file.Dataset.Get(DicomTag.PixelData)!;
        var syntax = file.Syntax;
        if (syntax.Pixels == PixelEncoding.Unsupported)
            throw new ImageDecodeException($"The transfer syntax {syntax} is not supported by this reader.");
        if (element.Fragments is null)
        {
            if (syntax.Pixels != PixelEncoding.Native)
                throw new ImageDecodeException($"Malformed DICOM: {syntax} pixel data is not encapsulated.");
            return Native(element.Value, m, frame);
        }

        if (syntax.Pixels == PixelEncoding.Native)
            throw new ImageDecodeException($"Malformed DICOM: encapsulated pixel data in {syntax}.");
        var bytes = FrameBytes(element.Fragments, m.Frames, frame, syntax);
        return syntax.Pixels switch
        {
            PixelEncoding.Rle => RleCodec.Decode(bytes.Span, m),
            PixelEncoding.Jpeg => JpegCodec.Decode(bytes, m, syntax.ToString()),
            _ => OpenJpegCodec.Decode(bytes.Span, m, syntax.ToString()),
        };
    }

    private static DecodedFrame Native(ReadOnlyMemory<byte> value, PixelModule m, int frame)
    {
        var size = m.FrameBytes;
        var start = size * frame;
        if (start + size > value.Length)
            throw new ImageDecodeException($"Malformed DICOM: the pixel data holds {value.Length} bytes; frame {frame + 1} of {m.Columns}×{m.Rows}×{m.SamplesPerPixel}×{m.BitsAllocated} bits needs {start + size}.");
        return new DecodedFrame(value.Slice((int)start, (int)size).ToArray(), m.Planar, m.Photometric);
    }

    private static ReadOnlyMemory<byte> FrameBytes(IReadOnlyList<ReadOnlyMemory<byte>> items, int frames, int frame, TransferSyntax syntax)
    {
        if (items.Count < 2)
            throw new ImageDecodeException($"Malformed DICOM: the encapsulated {syntax.Name} pixel data holds no fragment.");
        var table = items[0];
        var fragments = items.Skip(1).ToList();
        if (frames == 1)
            return Concatenate(fragments);
        if (table.Length >= frames * 4)
            return ByOffsetTable(table.Span, fragments, frames, frame, syntax);
        if (fragments.Count == frames)
            return fragments[frame];
        // No offset table and several fragments per frame: a frame starts at a fragment that starts a codestream.
        var starts = Enumerable.Range(0, fragments.Count).Where(i => StartsCodestream(fragments[i].Span, syntax)).ToList();
        if (starts.Count != frames || starts[0] != 0)
            throw new ImageDecodeException($"Malformed DICOM: {fragments.Count} fragments for {frames} frames, without a basic offset table to tell them apart.");
        var end = frame + 1 < frames ? starts[frame + 1] : fragments.Count;
        return Concatenate(fragments.GetRange(starts[frame], end - starts[frame]));
    }

    // Offsets count from the first fragment's item tag; each fragment adds its 8-byte item header and its bytes.
    private static ReadOnlyMemory<byte> ByOffsetTable(ReadOnlySpan<byte> table, List<ReadOnlyMemory<byte>> fragments, int frames, int frame, TransferSyntax syntax)
    {
        var offsets = new long[frames];
        for (var i = 0; i < frames; i++)
            offsets[i] = BinaryPrimitives.ReadUInt32LittleEndian(table[(i * 4)..]);
        var chosen = new List<ReadOnlyMemory<byte>>();
        long position = 0;
        var end = frame + 1 < frames ? offsets[frame + 1] : long.MaxValue;
        foreach (var fragment in fragments)
        {
            if (position >= offsets[frame] && position < end)
                chosen.Add(fragment);
            position += 8 + fragment.Length;
        }

        if (chosen.Count == 0)
            throw new ImageDecodeException($"Malformed DICOM: the basic offset table of the {syntax.Name} pixel data points frame {frame + 1} at no fragment.");
        return Concatenate(chosen);
    }

    private static bool StartsCodestream(ReadOnlySpan<byte> fragment, TransferSyntax syntax) => syntax.Pixels switch
    {
        PixelEncoding.Jpeg => fragment.Length >= 2 && fragment[0] == 0xFF && fragment[1] == 0xD8,
        PixelEncoding.Jpeg2000 => fragment.Length >= 4 && ((fragment[0] == 0xFF && fragment[1] == 0x4F) || (fragment[0] == 0 && fragment[3] == 12)),
        _ => true,
    };

    private static ReadOnlyMemory<byte> Concatenate(List<ReadOnlyMemory<byte>> parts)
    {
        if (parts.Count == 1)
            return parts[0];
        var joined = new byte[parts.Sum(p => (long)p.Length)];
        var at = 0;
        foreach (var part in parts)
        {
            part.Span.CopyTo(joined.AsSpan(at));
            at += part.Length;
        }

        return joined;
    }
}
