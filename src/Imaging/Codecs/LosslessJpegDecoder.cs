using ClinicalAgent.Imaging.Rendering;

namespace ClinicalAgent.Imaging.Codecs;

/// <summary>
/// JPEG lossless, process 14 (ITU T.81 Annex H; DICOM .57 and .70): Huffman-coded differences from one of seven
/// predictors, any precision from 2 to 16 bits, point transform, restart intervals, interleaved or one scan per
/// component. Our own because JpegLibrary 0.4.32 predicts wrongly for selection values 2, 3, 6 and 7 (dcmtk's
/// default is 6).
/// </summary>
internal static class LosslessJpegDecoder
{
    /// <summary>Whether a JPEG stream is lossless Huffman (SOF3): its frame header comes before the first scan.</summary>
    public static bool IsLossless(ReadOnlySpan<byte> jpeg)
    {
        for (var i = 2; i + 3 < jpeg.Length;)
        {
            if (jpeg[i] != 0xFF)
                return false;
            var marker = jpeg[i + 1];
            if (marker == 0xFF)
            {
                i++;
                continue;
            }

            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
                return marker == 0xC3;
            i += 2 + ((jpeg[i + 2] << 8) | jpeg[i + 3]);
        }

        return false;
    }

    public static DecodedFrame Decode(ReadOnlySpan<byte> jpeg, PixelModule m, string syntax)
    {
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
            throw Malformed(syntax, "no JPEG start of image");
        var tables = new HuffmanTable?[4];
        int precision = 0, width = 0, height = 0, restart = 0;
        int[] ids = [];
        int[]? samples = null;
        var i = 2;
        while (i + 4 <= jpeg.Length)
        {
            if (jpeg[i] != 0xFF)
                throw Malformed(syntax, $"no marker at byte {i}");
            var marker = jpeg[i + 1];
            if (marker == 0xFF)
            {
                i++;
                continue;
            }

            if (marker == 0xD9)
                break;
            var length = (jpeg[i + 2] << 8) | jpeg[i + 3];
            if (length < 2 || i + 2 + length > jpeg.Length)
                throw Malformed(syntax, $"a segment at byte {i} runs past the end");
            var segment = jpeg.Slice(i + 4, length - 2);
            switch (marker)
            {
                case 0xC4:
                    ReadHuffman(segment, tables, syntax);
                    break;
                case 0xC3:
                    if (segment.Length < 6)
                        throw Malformed(syntax, "a short frame header");
                    precision = segment[0];
                    height = (segment[1] << 8) | segment[2];
                    width = (segment[3] << 8) | segment[4];
                    var count = segment[5];
                    if (precision is < 2 or > 16 || segment.Length < 6 + (count * 3))
                        throw Malformed(syntax, $"a frame header of {precision}-bit precision with {count} components");
                    if (width != m.Columns || height != m.Rows || count != m.SamplesPerPixel)
                        throw Malformed(syntax, $"the frame is {width}×{height} with {count} components; the dataset says {m.Columns}×{m.Rows} with {m.SamplesPerPixel}");
                    if (precision > m.BitsAllocated)
                        throw Malformed(syntax, $"{precision}-bit samples where BitsAllocated is {m.BitsAllocated}");
                    // Every sample takes at least one bit: a header claiming more is malformed, found before allocating.
                    if ((long)width * height * count > ((long)jpeg.Length * 8) + 64)
                        throw Malformed(syntax, $"{jpeg.Length} bytes cannot hold {width}×{height} samples");
                    ids = new int[count];
                    for (var c = 0; c < count; c++)
                    {
                        ids[c] = segment[6 + (c * 3)];
                        if (segment[7 + (c * 3)] != 0x11)
                            throw Malformed(syntax, "subsampled components in a lossless frame are not supported");
                    }

                    samples = new int[width * height * count];
                    break;
                case 0xDD:
                    restart = segment.Length >= 2 ? (segment[0] << 8) | segment[1] : 0;
                    break;
                case 0xDA:
                    if (samples is null)
                        throw Malformed(syntax, "a scan before the frame header");
                    i = Scan(jpeg, i + 2 + length, segment, tables, ids, samples, width, height, precision, restart, syntax);
                    continue;
                default:
                    if (marker is >= 0xC0 and <= 0xCF and not 0xC8)
                        throw Malformed(syntax, $"frame type 0x{marker:X2} in a lossless stream");
                    break; // APPn, COM, DQT and the like carry nothing lossless decoding needs
            }

            i += 2 + length;
        }

        if (samples is null)
            throw Malformed(syntax, "no frame header");
        return new DecodedFrame(ToBytes(samples, m.BytesPerSample), Planar: false, m.Photometric);
    }

    private static int Scan(ReadOnlySpan<byte> jpeg, int start, ReadOnlySpan<byte> header, HuffmanTable?[] tables, int[] ids,
        int[] samples, int width, int height, int precision, int restart, string syntax)
    {
        var count = header.Length > 0 ? header[0] : 0;
        if (count < 1 || header.Length < 4 + (count * 2))
            throw Malformed(syntax, "a short scan header");
        var components = new int[count];
        var coders = new HuffmanTable[count];
        for (var c = 0; c < count; c++)
        {
            components[c] = Array.IndexOf(ids, header[1 + (c * 2)]);
            if (components[c] < 0)
                throw Malformed(syntax, "a scan names a component the frame lacks");
            coders[c] = tables[(header[2 + (c * 2)] >> 4) & 3] ?? throw Malformed(syntax, "a scan uses an undefined Huffman table");
        }

        var predictor = header[1 + (count * 2)];
        var transform = header[3 + (count * 2)] & 0x0F;
        if (predictor is < 1 or > 7 || transform >= precision)
            throw Malformed(syntax, $"predictor {predictor} with point transform {transform}");
        var stride = ids.Length;
        var reader = new BitReader(jpeg, start);
        var mask = (1 << 16) - 1;
        var initial = 1 << (precision - transform - 1);
        var sinceRestart = 0;
        var restartRow = 0;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                if (restart > 0 && sinceRestart == restart)
                {
                    reader.Restart();
                    sinceRestart = 0;
                    restartRow = y;
                }

                var firstAfterRestart = restart > 0 && sinceRestart == 0 && (y > 0 || x > 0);
                for (var c = 0; c < count; c++)
                {
                    var at = (((y * width) + x) * stride) + components[c];
                    int prediction;
                    if ((x == 0 && y == 0) || firstAfterRestart)
                        prediction = initial;
                    else if (y == restartRow)
                        prediction = samples[at - stride];
                    else if (x == 0)
                        prediction = samples[at - (width * stride)];
                    else
                        prediction = Predict(predictor, samples[at - stride], samples[at - (width * stride)], samples[at - ((width + 1) * stride)]);
                    samples[at] = (prediction + Difference(ref reader, coders[c])) & mask;
                }

                sinceRestart++;
                if (reader.PaddingRead > 64)
                    throw Malformed(syntax, "the scan ends early (truncated?)");
            }
        }

        if (transform > 0)
        {
            foreach (var c in components)
                for (var p = c; p < samples.Length; p += stride)
                    samples[p] = (samples[p] << transform) & mask;
        }

        // Skip to the next marker (the entropy-coded data may end anywhere inside its last byte).
        var next = reader.Position;
        while (next + 1 < jpeg.Length && !(jpeg[next] == 0xFF && jpeg[next + 1] is not 0x00 and not (>= 0xD0 and <= 0xD7)))
            next++;
        return next + 1 < jpeg.Length ? next : jpeg.Length;
    }

    // T.81 Table H.1; the reconstructed samples are held reduced by the point transform, as the encoder predicted them.
    private static int Predict(int selection, int a, int b, int c) => selection switch
    {
        1 => a,
        2 => b,
        3 => c,
        4 => a + b - c,
        5 => a + ((b - c) >> 1),
        6 => b + ((a - c) >> 1),
        _ => (a + b) >> 1,
    };

    // T.81 H.1.2.2 and F.1.2.1.1: SSSS then SSSS extra bits; 16 means a difference of 32768 with no extra bits.
    private static int Difference(ref BitReader reader, HuffmanTable table)
    {
        var size = table.Decode(ref reader);
        if (size == 0)
            return 0;
        if (size == 16)
            return 32768;
        if (size > 16)
            throw new ImageDecodeException("Malformed JPEG Lossless pixel data: a difference of more than 16 bits.");
        var bits = reader.Bits(size);
        return bits < (1 << (size - 1)) ? bits - (1 << size) + 1 : bits;
    }

    private static void ReadHuffman(ReadOnlySpan<byte> segment, HuffmanTable?[] tables, string syntax)
    {
        var i = 0;
        while (i + 17 <= segment.Length)
        {
            var index = segment[i] & 0x0F;
            var counts = segment.Slice(i + 1, 16);
            var total = 0;
            foreach (var n in counts)
                total += n;
            if (index > 3 || total > 256 || i + 17 + total > segment.Length || !JpegHeaderCheck.IsPrefixCode(counts))
                throw Malformed(syntax, "a malformed Huffman table");
            // Lossless scans use only the DC-class tables; an AC table in the stream is ignored.
            if (segment[i] >> 4 == 0)
                tables[index] = new HuffmanTable(counts, segment.Slice(i + 17, total));
            i += 17 + total;
        }
    }

    private static byte[] ToBytes(int[] samples, int bytesPerSample)
    {
        var output = new byte[samples.Length * bytesPerSample];
        for (var p = 0; p < samples.Length; p++)
        {
            output[p * bytesPerSample] = (byte)samples[p];
            if (bytesPerSample == 2)
                output[(p * bytesPerSample) + 1] = (byte)(samples[p] >> 8);
        }

        return output;
    }

    private static ImageDecodeException Malformed(string syntax, string what) => new($"Malformed {syntax} pixel data: {what}.");
}
