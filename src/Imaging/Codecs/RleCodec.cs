using System.Buffers.Binary;
using ClinicalAgent.Imaging.Rendering;

namespace ClinicalAgent.Imaging.Codecs;

/// <summary>
/// DICOM RLE Lossless (PS3.5 Annex G): a 64-byte header of segment offsets, one PackBits segment per byte plane
/// (per sample, most significant byte first). Decoded to interleaved little-endian samples.
/// </summary>
internal static class RleCodec
{
    public static DecodedFrame Decode(ReadOnlySpan<byte> frame, PixelModule m)
    {
        if (frame.Length < 64)
            throw Malformed("the frame is shorter than its 64-byte header");
        var segments = BinaryPrimitives.ReadUInt32LittleEndian(frame);
        var bytesPerSample = m.BytesPerSample;
        var expected = m.SamplesPerPixel * bytesPerSample;
        if (segments != expected)
            throw Malformed($"{segments} segments where {m.SamplesPerPixel} samples of {m.BitsAllocated} bits need {expected}");
        var pixels = m.PixelCount;
        // A PackBits run of 128 bytes takes 2: a frame claiming more than that is malformed, found before allocating.
        if ((long)pixels * expected > (long)frame.Length * 64)
            throw Malformed($"{frame.Length} bytes cannot hold {m.Columns}×{m.Rows} pixels");
        var output = new byte[pixels * expected];
        for (var s = 0; s < expected; s++)
        {
            var start = BinaryPrimitives.ReadUInt32LittleEndian(frame[(4 + (s * 4))..]);
            var end = s + 1 < expected ? BinaryPrimitives.ReadUInt32LittleEndian(frame[(8 + (s * 4))..]) : (uint)frame.Length;
            if (start < 64 || start > end || end > frame.Length)
                throw Malformed($"segment {s + 1} lies at bytes {start}–{end} of a {frame.Length}-byte frame");
            var sample = s / bytesPerSample;
            var byteInSample = bytesPerSample - 1 - (s % bytesPerSample); // segments run MSB first; the output is little endian
            Unpack(frame[(int)start..(int)end], output, (sample * bytesPerSample) + byteInSample, expected, pixels, s + 1);
        }

        return new DecodedFrame(output, Planar: false, m.Photometric);
    }

    // PackBits: n in 0..127 copies n+1 literal bytes, n in -127..-1 repeats the next byte 1-n times, -128 is a no-op.
    private static void Unpack(ReadOnlySpan<byte> segment, byte[] output, int offset, int stride, int count, int number)
    {
        var written = 0;
        var i = 0;
        while (written < count && i < segment.Length)
        {
            var n = (sbyte)segment[i++];
            if (n >= 0)
            {
                var run = Math.Min(n + 1, segment.Length - i);
                for (var k = 0; k < run && written < count; k++, written++)
                    output[offset + (written * stride)] = segment[i + k];
                i += n + 1;
            }
            else if (n != -128)
            {
                if (i >= segment.Length)
                    break;
                var value = segment[i++];
                for (var k = 0; k < 1 - n && written < count; k++, written++)
                    output[offset + (written * stride)] = value;
            }
        }

        if (written < count)
            throw Malformed($"segment {number} decodes to {written} of {count} bytes");
    }

    private static ImageDecodeException Malformed(string what) => new($"Malformed RLE Lossless pixel data: {what}.");
}
