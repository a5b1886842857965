using System.Runtime.InteropServices;

namespace ClinicalAgent.Imaging.Codecs;

/// <summary>
/// The entry points of the system's OpenJPEG (<c>libopenjp2.so.7</c>, Debian package <c>libopenjp2-7</c>), loaded once
/// on first use; null members mean it is not installed. Function pointers rather than DllImport so a missing library
/// is a clear message, not a DllNotFoundException at an arbitrary call.
/// </summary>
internal sealed unsafe class OpenJpegLibrary
{
    private static readonly Lazy<OpenJpegLibrary?> Instance = new(Load);

    private OpenJpegLibrary(nint handle)
    {
        StreamDefaultCreate = (delegate* unmanaged[Cdecl]<int, nint>)NativeLibrary.GetExport(handle, "opj_stream_default_create");
        StreamSetReadFunction = (delegate* unmanaged[Cdecl]<nint, nint, void>)NativeLibrary.GetExport(handle, "opj_stream_set_read_function");
        StreamSetSkipFunction = (delegate* unmanaged[Cdecl]<nint, nint, void>)NativeLibrary.GetExport(handle, "opj_stream_set_skip_function");
        StreamSetSeekFunction = (delegate* unmanaged[Cdecl]<nint, nint, void>)NativeLibrary.GetExport(handle, "opj_stream_set_seek_function");
        StreamSetUserData = (delegate* unmanaged[Cdecl]<nint, nint, nint, void>)NativeLibrary.GetExport(handle, "opj_stream_set_user_data");
        StreamSetUserDataLength = (delegate* unmanaged[Cdecl]<nint, ulong, void>)NativeLibrary.GetExport(handle, "opj_stream_set_user_data_length");
        StreamDestroy = (delegate* unmanaged[Cdecl]<nint, void>)NativeLibrary.GetExport(handle, "opj_stream_destroy");
        CreateDecompress = (delegate* unmanaged[Cdecl]<int, nint>)NativeLibrary.GetExport(handle, "opj_create_decompress");
        SetDefaultDecoderParameters = (delegate* unmanaged[Cdecl]<nint, void>)NativeLibrary.GetExport(handle, "opj_set_default_decoder_parameters");
        SetupDecoder = (delegate* unmanaged[Cdecl]<nint, nint, int>)NativeLibrary.GetExport(handle, "opj_setup_decoder");
        SetErrorHandler = (delegate* unmanaged[Cdecl]<nint, nint, nint, int>)NativeLibrary.GetExport(handle, "opj_set_error_handler");
        ReadHeader = (delegate* unmanaged[Cdecl]<nint, nint, nint*, int>)NativeLibrary.GetExport(handle, "opj_read_header");
        DecodeImage = (delegate* unmanaged[Cdecl]<nint, nint, nint, int>)NativeLibrary.GetExport(handle, "opj_decode");
        EndDecompress = (delegate* unmanaged[Cdecl]<nint, nint, int>)NativeLibrary.GetExport(handle, "opj_end_decompress");
        DestroyCodec = (delegate* unmanaged[Cdecl]<nint, void>)NativeLibrary.GetExport(handle, "opj_destroy_codec");
        ImageDestroy = (delegate* unmanaged[Cdecl]<nint, void>)NativeLibrary.GetExport(handle, "opj_image_destroy");
    }

    public delegate* unmanaged[Cdecl]<int, nint> StreamDefaultCreate { get; }

    public delegate* unmanaged[Cdecl]<nint, nint, void> StreamSetReadFunction { get; }

    public delegate* unmanaged[Cdecl]<nint, nint, void> StreamSetSkipFunction { get; }

    public delegate* unmanaged[Cdecl]<nint, nint, void> StreamSetSeekFunction { get; }

    public delegate* unmanaged[Cdecl]<nint, nint, nint, void> StreamSetUserData { get; }

    public delegate* unmanaged[Cdecl]<nint, ulong, void> StreamSetUserDataLength { get; }

    public delegate* unmanaged[Cdecl]<nint, void> StreamDestroy { get; }

    public delegate* unmanaged[Cdecl]<int, nint> CreateDecompress { get; }

    public delegate* unmanaged[Cdecl]<nint, void> SetDefaultDecoderParameters { get; }

    public delegate* unmanaged[Cdecl]<nint, nint, int> SetupDecoder { get; }

    public delegate* unmanaged[Cdecl]<nint, nint, nint, int> SetErrorHandler { get; }

    public delegate* unmanaged[Cdecl]<nint, nint, nint*, int> ReadHeader { get; }

    public delegate* unmanaged[Cdecl]<nint, nint, nint, int> DecodeImage { get; }

    public delegate* unmanaged[Cdecl]<nint, nint, int> EndDecompress { get; }

    public delegate* unmanaged[Cdecl]<nint, void> DestroyCodec { get; }

    public delegate* unmanaged[Cdecl]<nint, void> ImageDestroy { get; }

    /// <summary>The loaded library, or null when this system has none.</summary>
    public static OpenJpegLibrary? Get() => Instance.Value;

    private static OpenJpegLibrary? Load()
    {
        foreach (var name in new[] { "libopenjp2.so.7", "libopenjp2.so", "libopenjp2.7.dylib", "openjp2" })
        {
            if (NativeLibrary.TryLoad(name, out var handle))
            {
                try
                {
                    return new OpenJpegLibrary(handle);
                }
                catch (EntryPointNotFoundException)
                {
                    return null; // too old an OpenJPEG: treated as absent
                }
            }
        }

        return null;
    }
}
