using ClinicalAgent.Agent.Models;

namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>
/// Checks model files before native code sees them: llama.cpp answers a wrong file with a bare null handle, and a
/// projector of another model would fail much later inside image analysis; both errors would name nothing.
/// </summary>
internal static class ModelFileCheck
{
    /// <summary>The model file's header summary; a missing or unusable file is a <see cref="ModelLoadException"/> naming it.</summary>
    public static ModelSummary Summarize(string path)
    {
        try
        {
            return ModelSummary.Read(path);
        }
        catch (FileNotFoundException e)
        {
            throw new ModelLoadException(path, $"The model file '{path}' does not exist.", e);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new ModelLoadException(path, $"The model file '{path}' cannot be used: {e.Message}", e);
        }
    }

    /// <summary>Fails naming the projector when it is not an mmproj file of this model's size.</summary>
    public static void EnsureProjectorBelongs(ModelSummary model, string? projectorPath)
    {
        if (string.IsNullOrEmpty(projectorPath))
        {
            return;
        }

        try
        {
            ModelSummary.EnsureProjectorMatches(model, ModelSummary.Read(projectorPath));
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new ModelLoadException(projectorPath, e.Message, e);
        }
    }
}
