namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>The model file is missing, unreadable, not a GGUF file, or llama.cpp refused to load it.</summary>
public sealed class ModelLoadException : Exception
{
    /// <summary>Creates the exception for <paramref name="path"/>; the message should name the file.</summary>
    public ModelLoadException(string path, string message, Exception? inner = null)
        : base(message, inner)
    {
        FilePath = path;
    }

    /// <summary>The file that failed to load.</summary>
    public string FilePath { get; }
}
