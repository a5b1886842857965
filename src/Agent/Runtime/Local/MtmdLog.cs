using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>
/// Routes libmtmd's own log (per-image lines such as "image decoded (batch 1/1) in 7 ms", written to stderr by default)
/// to our logger at Debug. LLamaSharp binds llama.cpp's log but not mtmd's, so the two setters are looked up in the
/// library LLamaSharp has already loaded; where that lookup fails the log stays as llama.cpp writes it.
/// </summary>
internal static class MtmdLog
{
    private static readonly Lock Gate = new();
    private static readonly LogCallback Callback = Write;
    private static ILogger? _logger;
    private static bool _routed;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void LogCallback(int level, IntPtr text, IntPtr userData);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void LogSetter(IntPtr callback, IntPtr userData);

    /// <summary>Sends mtmd's messages to <paramref name="logger"/> from now on (the latest model's logger wins).</summary>
    public static void RouteTo(ILogger logger)
    {
        lock (Gate)
        {
            _logger = logger;
            if (_routed)
                return;
            // Asking by name for a library LLamaSharp has loaded returns that copy; before it is loaded this finds
            // nothing, and the next call (after the projector loads) tries again.
            foreach (var name in new[] { "libmtmd.so", "libmtmd.dylib", "mtmd.dll", "mtmd" })
            {
                if (!NativeLibrary.TryLoad(name, out var library))
                    continue;
                var pointer = Marshal.GetFunctionPointerForDelegate(Callback);
                foreach (var setter in new[] { "mtmd_log_set", "mtmd_helper_log_set" })
                {
                    if (NativeLibrary.TryGetExport(library, setter, out var export))
                    {
                        Marshal.GetDelegateForFunctionPointer<LogSetter>(export)(pointer, IntPtr.Zero);
                        _routed = true;
                    }
                }

                return;
            }
        }
    }

    private static void Write(int level, IntPtr text, IntPtr userData)
    {
        var message = Marshal.PtrToStringUTF8(text)?.TrimEnd();
        if (string.IsNullOrEmpty(message) || _logger is not { } logger)
            return;
        // ggml's levels: 4 is an error, 3 a warning; the rest (info, debug, continuation) is detail.
        logger.Log(level == 4 ? LogLevel.Warning : LogLevel.Debug, "mtmd: {Message}", message);
    }
}
