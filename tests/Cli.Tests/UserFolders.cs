using System.Runtime.CompilerServices;

namespace ClinicalAgent.Cli.Tests;

/// <summary>
/// Keeps every test away from the user's own data: before any test runs, the store, the model cache, the prefix cache and the
/// settings folder point at empty temporary folders unless a test names its own.
/// </summary>
internal static class UserFolders
{
#pragma warning disable CA2255 // A test assembly is the one place this initializer belongs.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Isolate()
    {
        var root = Directory.CreateTempSubdirectory("clinicalagent-user-").FullName;
        Environment.SetEnvironmentVariable("CLINICALAGENT_DB", Path.Combine(root, "data", "clinicalagent.db"));
        Environment.SetEnvironmentVariable("CLINICALAGENT_MODELS", Path.Combine(root, "models"));
        Environment.SetEnvironmentVariable("CLINICALAGENT_CONFIG", Path.Combine(root, "config"));
        Environment.SetEnvironmentVariable("CLINICALAGENT_PREFIX_CACHE", Path.Combine(root, "prefix-cache"));
    }
}
