using System.Runtime.CompilerServices;

namespace ClinicalAgent.ModelApi.Tests;

/// <summary>
/// Keeps the tests away from the user's own data: the store, the model cache and the settings folder (where the local
/// authorization server keeps its signing keys, shared by <c>serve</c> and <c>auth token</c>) are temporary folders.
/// </summary>
internal static class UserFolders
{
#pragma warning disable CA2255 // A test assembly is the one place this initializer belongs.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Isolate()
    {
        var root = Directory.CreateTempSubdirectory("clinicalagent-modelapi-user-").FullName;
        Environment.SetEnvironmentVariable("CLINICALAGENT_DB", Path.Combine(root, "data", "clinicalagent.db"));
        Environment.SetEnvironmentVariable("CLINICALAGENT_MODELS", Path.Combine(root, "models"));
        Environment.SetEnvironmentVariable("CLINICALAGENT_CONFIG", Path.Combine(root, "config"));
    }
}
