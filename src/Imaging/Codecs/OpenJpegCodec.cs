using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ClinicalAgent.Imaging.Rendering;

namespace ClinicalAgent.Imaging.Codecs;

/// <summary>
/// JPEG 2000 frames through the system's OpenJPEG (no managed decoder is available): the codestream is read from
/// memory through OpenJPEG's stream callbacks, and the header is checked against the dataset before any pixels are
/// allocated. OpenJPEG undoes the YBR_ICT/YBR_RCT component transform itself, so those frames come out as RGB.
/// </summary>
internal static unsafe class OpenJpegCodec
{
    private const int CodecJ2k = 0;
    private const int CodecJp2 = 2;

    // opj_dparameters_t is about 8.3 KB in OpenJPEG 2.x; a larger zeroed block is safe whatever the minor version.
    private const int ParametersBytes = 64 * 1024;

    public static DecodedFrame Decode(ReadOnlySpan<byte> frame, PixelModule m, string syntax)
    {
        var library = OpenJpegLibrary.Get()
            ?? throw new ImageDecodeException($"{syntax} needs the OpenJPEG library libopenjp2.so.7, which is not installed: install the Debian package libopenjp2-7.");
        if (frame.Length < 2)
            throw Malformed(syntax, "the frame is empty");
        var jp2 = frame.Length >= 12 && frame[..12].SequenceEqual(new byte[] { 0, 0, 0, 12, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A });
        var source = (Source*)NativeMemory.AllocZeroed((nuint)sizeof(Source));
        var parameters = NativeMemory.AllocZeroed(ParametersBytes);
        nint stream = 0, codec = 0, image = 0;
        fixed (byte* data = frame)
        {
            try
            {
                *source = new Source { Data = data, Length = frame.Length };
                stream = library.StreamDefaultCreate(1);
                codec = library.CreateDecompress(jp2 ? CodecJp2 : CodecJ2k);
                if (stream == 0 || codec == 0)
                    throw Malformed(syntax, "OpenJPEG could not start a decoder");
                library.StreamSetReadFunction(stream, (nint)(delegate* unmanaged[Cdecl]<void*, nuint, Source*, nuint>)&Read);
                library.StreamSetSkipFunction(stream, (nint)(delegate* unmanaged[Cdecl]<long, Source*, long>)&Skip);
                library.StreamSetSeekFunction(stream, (nint)(delegate* unmanaged[Cdecl]<long, Source*, int>)&Seek);
                library.StreamSetUserData(stream, (nint)source, 0);
                library.StreamSetUserDataLength(stream, (ulong)frame.Length);
                library.SetErrorHandler(codec, (nint)(delegate* unmanaged[Cdecl]<byte*, Source*, void>)&OnError, (nint)source);
                library.SetDefaultDecoderParameters((nint)parameters);
                if (library.SetupDecoder(codec, (nint)parameters) == 0)
                    throw Malformed(syntax, "OpenJPEG refused the decoder parameters");
                if (library.ReadHeader(stream, codec, &image) == 0 || image == 0)
                    throw Malformed(syntax, ErrorOf(source, "the codestream header is unreadable"));
                Check((OpjImage*)image, m, syntax);
                if (library.DecodeImage(codec, stream, image) == 0 || library.EndDecompress(codec, stream) == 0)
                    throw Malformed(syntax, ErrorOf(source, "the codestream does not decode"));
                return Collect((OpjImage*)image, m, syntax);
            }
            finally
            {
                if (image != 0)
                    library.ImageDestroy(image);
                if (codec != 0)
                    library.DestroyCodec(codec);
                if (stream != 0)
                    library.StreamDestroy(stream);
                NativeMemory.Free(parameters);
                NativeMemory.Free(source);
            }
        }
    }

    private static void Check(OpjImage* image, PixelModule m, string syntax)
    {
        if (image->NumComps != (uint)m.SamplesPerPixel || image->Comps == null)
            throw Malformed(syntax, $"{image->NumComps} components where the dataset says {m.SamplesPerPixel}");
        for (var c = 0; c < m.SamplesPerPixel; c++)
        {
            var comp = &image->Comps[c];
            if (comp->W != (uint)m.Columns || comp->H != (uint)m.Rows)
                throw Malformed(syntax, $"component {c + 1} is {comp->W}×{comp->H} where the dataset says {m.Columns}×{m.Rows}");
            if (comp->Prec > (uint)m.BitsAllocated || comp->Prec == 0)
                throw Malformed(syntax, $"component {c + 1} has {comp->Prec}-bit samples; BitsAllocated is {m.BitsAllocated}");
        }
    }

    private static DecodedFrame Collect(OpjImage* image, PixelModule m, string syntax)
    {
        var pixels = m.PixelCount;
        var components = m.SamplesPerPixel;
        var bytes = m.BytesPerSample;
        var output = new byte[pixels * components * bytes];
        for (var c = 0; c < components; c++)
        {
            var samples = image->Comps[c].Data;
            if (samples == null)
                throw Malformed(syntax, $"component {c + 1} decoded to nothing");
            for (var p = 0; p < pixels; p++)
            {
                var value = samples[p];
                var index = ((p * components) + c) * bytes;
                output[index] = (byte)value;
                if (bytes == 2)
                    output[index + 1] = (byte)(value >> 8);
            }
        }

        var photometric = m.Photometric is "YBR_ICT" or "YBR_RCT" ? "RGB" : m.Photometric;
        return new DecodedFrame(output, Planar: false, photometric);
    }

    private static string ErrorOf(Source* source, string fallback) =>
        source->MessageLength > 0 ? JpegCodec.OneLine(System.Text.Encoding.UTF8.GetString(source->Message, source->MessageLength)) : fallback;

    private static ImageDecodeException Malformed(string syntax, string what) => new($"Malformed {syntax} pixel data: {what}.");

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static nuint Read(void* buffer, nuint count, Source* source)
    {
        var left = source->Length - source->Position;
        if (left <= 0)
            return unchecked((nuint)(-1));
        var n = (int)Math.Min((long)count, left);
        new ReadOnlySpan<byte>(source->Data + source->Position, n).CopyTo(new Span<byte>(buffer, n));
        source->Position += n;
        return (nuint)n;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static long Skip(long count, Source* source)
    {
        var target = Math.Clamp(source->Position + count, 0, source->Length);
        var skipped = target - source->Position;
        source->Position = target;
        return skipped;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Seek(long offset, Source* source)
    {
        if (offset < 0 || offset > source->Length)
            return 0;
        source->Position = offset;
        return 1;
    }

    // Only the first error is kept (OpenJPEG's later ones follow from it), copied into the source block so no managed
    // object is touched from the native callback.
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnError(byte* message, Source* source)
    {
        if (source->MessageLength != 0 || message == null)
            return;
        var n = 0;
        while (n < Source.MessageCapacity && message[n] != 0)
        {
            source->Message[n] = message[n];
            n++;
        }

        source->MessageLength = n;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Source
    {
        public const int MessageCapacity = 200;
        public byte* Data;
        public long Length;
        public long Position;
        public int MessageLength;
        public fixed byte Message[MessageCapacity];
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct OpjImage
    {
        public uint X0, Y0, X1, Y1, NumComps;
        public int ColorSpace;
        public OpjComponent* Comps;
        public byte* IccProfile;
        public uint IccProfileLength;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct OpjComponent
    {
        public uint Dx, Dy, W, H, X0, Y0, Prec, Bpp, Sgnd, ResnoDecoded, Factor;
        public int* Data;
        public ushort Alpha;
    }
}
