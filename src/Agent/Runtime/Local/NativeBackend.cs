using LLama.Native;

namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>Points LLamaSharp at a user's own llama.cpp build before the first native call of the process.</summary>
internal static class NativeBackend
{
    private static readonly Lock Gate = new();
    private static string? _configured;

    /// <summary>Loads <paramref name="libraryPath"/> as llama.cpp; null keeps the packaged CPU library.</summary>
    /// <exception cref="ModelLoadException">The file is missing, or another library was already loaded.</exception>
    public static void Use(string? libraryPath)
    {
        if (string.IsNullOrEmpty(libraryPath))
        {
            return;
        }

        var path = Path.GetFullPath(libraryPath);
        lock (Gate)
        {
            if (_configured == path)
            {
                return;
            }

            if (!File.Exists(path))
            {
                throw new ModelLoadException(path, $"The llama.cpp library '{path}' (Model:NativeLibraryPath) does not exist.");
            }

            try
            {
                NativeLibraryConfig.All.WithLibrary(path, null);
                _configured = path;
            }
            catch (Exception e) when (e is InvalidOperationException or LLama.Exceptions.RuntimeError)
            {
                throw new ModelLoadException(path,
                    $"Cannot switch to the llama.cpp library '{path}': a native library is already loaded in this process. Set Model:NativeLibraryPath before the first model loads.", e);
            }
        }
    }
}
