using System.Text;

namespace ClinicalAgent.Fhir.Import;

/// <summary>
/// The non-blank lines of an NDJSON file as UTF-8 bytes, with their line numbers: what <see cref="StreamReader.ReadLine"/>
/// and <see cref="string.IsNullOrWhiteSpace"/> give (lines end at <c>\n</c>, <c>\r\n</c> or a lone <c>\r</c>; a UTF-8
/// byte order mark is dropped), without decoding each line into a string only for the JSON reader to encode it back.
/// </summary>
internal static class NdjsonLines
{
    private const int BufferSize = 1 << 16;

    /// <summary>The lines; <paramref name="utf8"/> false reads them as strings and encodes each back, as before (the benchmark's comparison).</summary>
    public static IEnumerable<(byte[] Utf8, int Number)> Read(string path, bool utf8 = true) => utf8 ? Bytes(path) : Decoded(path);

    private static IEnumerable<(byte[] Utf8, int Number)> Decoded(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line))
                yield return (Encoding.UTF8.GetBytes(line), number);
        }
    }

    private static IEnumerable<(byte[] Utf8, int Number)> Bytes(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new byte[BufferSize];
        var line = new List<byte[]>(); // the pieces of a line that spans reads
        var number = 0;
        var first = true;
        var afterCarriageReturn = false;
        int read;
        while ((read = file.Read(buffer, 0, buffer.Length)) > 0)
        {
            var start = 0;
            if (first)
            {
                first = false;
                if (read >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF)
                    start = 3;
            }

            for (var i = start; i < read; i++)
            {
                // The search for the next line end is vectorized; a byte loop cost more than decoding the line.
                var found = buffer.AsSpan(i, read - i).IndexOfAny((byte)'\n', (byte)'\r');
                if (found != 0)
                    afterCarriageReturn = false;
                if (found < 0)
                    break;
                i += found;
                var b = buffer[i];

                if (b == (byte)'\n' && afterCarriageReturn && i == start && line.Count == 0)
                {
                    // The \n of a \r\n split across reads: the line already ended at the \r.
                    afterCarriageReturn = false;
                    start = i + 1;
                    continue;
                }

                number++;
                var text = Join(line, buffer.AsSpan(start, i - start));
                line.Clear();
                if (!IsBlank(text))
                    yield return (text, number);
                afterCarriageReturn = b == (byte)'\r';
                if (afterCarriageReturn && i + 1 < read && buffer[i + 1] == (byte)'\n')
                {
                    i++;
                    afterCarriageReturn = false;
                }

                start = i + 1;
            }

            if (start < read)
            {
                line.Add(buffer.AsSpan(start, read - start).ToArray());
                afterCarriageReturn = false;
            }
        }

        if (line.Count > 0)
        {
            number++;
            var text = Join(line, []);
            if (!IsBlank(text))
                yield return (text, number);
        }
    }

    private static byte[] Join(List<byte[]> pieces, ReadOnlySpan<byte> last)
    {
        if (pieces.Count == 0)
            return last.ToArray();
        var text = new byte[pieces.Sum(p => p.Length) + last.Length];
        var at = 0;
        foreach (var piece in pieces)
        {
            piece.CopyTo(text, at);
            at += piece.Length;
        }

        last.CopyTo(text.AsSpan(at));
        return text;
    }

    // ASCII whitespace is decided on the bytes; a line with other bytes before its first non-blank one is decoded, so
    // Unicode whitespace counts as blank exactly as string.IsNullOrWhiteSpace has it.
    private static bool IsBlank(byte[] text)
    {
        foreach (var b in text)
        {
            if (b is (byte)' ' or (byte)'\t' or 0x0B or 0x0C)
                continue;
            return b is >= 0x80 or < 0x20 && string.IsNullOrWhiteSpace(Encoding.UTF8.GetString(text));
        }

        return true;
    }
}
