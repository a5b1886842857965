using ClinicalAgent.Imaging.Rendering;
using JpegLibrary;

namespace ClinicalAgent.Imaging.Codecs;

/// <summary>
/// JPEG baseline and extended (12-bit) frames through JpegLibrary (pure C#); lossless ones through our own decoder. The samples come out as the
/// codestream holds them (no colour conversion): a YBR_FULL_422 frame is upsampled YCbCr, so it is rendered as YBR_FULL.
/// </summary>
internal static class JpegCodec
{
    public static DecodedFrame Decode(ReadOnlyMemory<byte> frame, PixelModule m, string syntaxName)
    {
        if (LosslessJpegDecoder.IsLossless(frame.Span))
            return LosslessJpegDecoder.Decode(frame.Span, m, syntaxName);
        JpegHeaderCheck.Check(frame.Span, syntaxName);
        try
        {
            var decoder = new JpegDecoder();
            decoder.SetInput(frame);
            decoder.Identify();
            if (decoder.Width != m.Columns || decoder.Height != m.Rows || decoder.NumberOfComponents != m.SamplesPerPixel)
                throw new ImageDecodeException($"The {syntaxName} frame is {decoder.Width}×{decoder.Height} with {decoder.NumberOfComponents} components; the dataset says {m.Columns}×{m.Rows} with {m.SamplesPerPixel}.");
            // An 8×8 block takes at least two bits per component: a header claiming more pixels is malformed.
            if ((long)decoder.Width * decoder.Height > ((long)frame.Length * 256) + 4096)
                throw new ImageDecodeException($"Malformed {syntaxName} pixel data: {frame.Length} bytes cannot hold {decoder.Width}×{decoder.Height} pixels.");
            if (decoder.Precision > m.BitsAllocated)
                throw new ImageDecodeException($"The {syntaxName} frame has {decoder.Precision}-bit samples; BitsAllocated is {m.BitsAllocated}.");
            var writer = new SampleWriter(m.Columns, m.Rows, m.SamplesPerPixel, m.BytesPerSample, decoder.Precision);
            decoder.SetOutputWriter(writer);
            decoder.Decode();
            var photometric = m.Photometric == "YBR_FULL_422" ? "YBR_FULL" : m.Photometric;
            return new DecodedFrame(writer.Output, Planar: false, photometric);
        }
        catch (ImageDecodeException)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // JpegLibrary reports a malformed stream with several exception types; all mean the same to a user.
            throw new ImageDecodeException($"Malformed {syntaxName} pixel data: {OneLine(e.Message)}", e);
        }
    }

    internal static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();

    /// <summary>Receives JpegLibrary's 8×8 blocks (in image coordinates, already upsampled) into interleaved samples.</summary>
    private sealed class SampleWriter(int width, int height, int components, int bytesPerSample, int precision) : JpegBlockOutputWriter
    {
        public byte[] Output { get; } = new byte[width * height * components * bytesPerSample];

        public override void WriteBlock(ref short blockRef, int componentIndex, int x, int y)
        {
            if (componentIndex >= components || x >= width || y >= height)
                return;
            var max = (1 << Math.Clamp(precision, 1, 16)) - 1;
            var w = Math.Min(8, width - x);
            var h = Math.Min(8, height - y);
            var block = System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(ref blockRef, 64);
            for (var row = 0; row < h; row++)
            {
                for (var col = 0; col < w; col++)
                {
                    // 16-bit lossless samples arrive in a short: reinterpret them as unsigned; DCT output is clamped.
                    var sample = block[(row * 8) + col];
                    var value = precision == 16 ? (ushort)sample : Math.Clamp((int)sample, 0, max);
                    var index = ((((y + row) * width) + x + col) * components) + componentIndex;
                    if (bytesPerSample == 1)
                    {
                        Output[index] = (byte)value;
                    }
                    else
                    {
                        Output[index * 2] = (byte)value;
                        Output[(index * 2) + 1] = (byte)(value >> 8);
                    }
                }
            }
        }
    }
}
