namespace ClinicalAgent.Imaging.Codecs;

/// <summary>
/// Checks a JPEG stream's segments up to its first scan before JpegLibrary sees it: every length inside the data,
/// and Huffman tables whose code counts form a prefix code (fuzzing found tables that kept JpegLibrary busy for
/// half a minute before it gave up).
/// </summary>
internal static class JpegHeaderCheck
{
    public static void Check(ReadOnlySpan<byte> jpeg, string syntax)
    {
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
            throw Malformed(syntax, "no JPEG start of image");
        var i = 2;
        while (true)
        {
            if (i + 4 > jpeg.Length)
                throw Malformed(syntax, "the stream ends before its first scan");
            if (jpeg[i] != 0xFF)
                throw Malformed(syntax, $"no marker at byte {i}");
            var marker = jpeg[i + 1];
            if (marker == 0xFF)
            {
                i++;
                continue;
            }

            var length = (jpeg[i + 2] << 8) | jpeg[i + 3];
            if (length < 2 || i + 2 + length > jpeg.Length)
                throw Malformed(syntax, $"a segment at byte {i} runs past the end");
            if (marker == 0xDA)
                return;
            if (marker == 0xC4)
                CheckHuffman(jpeg.Slice(i + 4, length - 2), syntax);
            i += 2 + length;
        }
    }

    /// <summary>Whether 16 code-length counts describe a Huffman code (T.81 C): no length has more codes than are left.</summary>
    public static bool IsPrefixCode(ReadOnlySpan<byte> counts)
    {
        long available = 1;
        foreach (var count in counts)
        {
            available = (available * 2) - count;
            if (available < 0)
                return false;
        }

        return true;
    }

    private static void CheckHuffman(ReadOnlySpan<byte> segment, string syntax)
    {
        var i = 0;
        while (i < segment.Length)
        {
            if (i + 17 > segment.Length || (segment[i] >> 4) > 1 || (segment[i] & 0x0F) > 3)
                throw Malformed(syntax, "a malformed Huffman table");
            var counts = segment.Slice(i + 1, 16);
            var total = 0;
            foreach (var n in counts)
                total += n;
            if (total > 256 || i + 17 + total > segment.Length || !IsPrefixCode(counts))
                throw Malformed(syntax, "a malformed Huffman table");
            i += 17 + total;
        }
    }

    private static ImageDecodeException Malformed(string syntax, string what) => new($"Malformed {syntax} pixel data: {what}.");
}
