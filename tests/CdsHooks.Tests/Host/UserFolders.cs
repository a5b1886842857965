using System.Runtime.CompilerServices;

namespace ClinicalAgent.CdsHooks.Tests.Host;

/// <summary>Keeps the in-process CLI away from the user's own data and settings: empty temporary folders.</summary>
internal static class UserFolders
{
#pragma warning disable CA2255 // A test assembly is the one place this initializer belongs.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Isolate()
    {
        var root = Directory.CreateTempSubdirectory("clinicalagent-cds-user-").FullName;
        Environment.SetEnvironmentVariable("CLINICALAGENT_DB", Path.Combine(root, "data", "clinicalagent.db"));
        Environment.SetEnvironmentVariable("CLINICALAGENT_MODELS", Path.Combine(root, "models"));
        Environment.SetEnvironmentVariable("CLINICALAGENT_CONFIG", Path.Combine(root, "config"));
    }
}
