using System.Runtime.CompilerServices;

namespace ClinicalAgent.Mcp.Tests;

/// <summary>Keeps every test (and every process it starts) away from the user's own store, keys and models.</summary>
internal static class UserFolders
{
    public static string Root { get; private set; } = "";

#pragma warning disable CA2255 // A test assembly is the one place this initializer belongs.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Isolate()
    {
        Root = Directory.CreateTempSubdirectory("clinicalagent-mcp-user-").FullName;
        System.Environment.SetEnvironmentVariable("CLINICALAGENT_DB", Path.Combine(Root, "data", "clinicalagent.db"));
        System.Environment.SetEnvironmentVariable("CLINICALAGENT_MODELS", Path.Combine(Root, "models"));
        System.Environment.SetEnvironmentVariable("CLINICALAGENT_CONFIG", Path.Combine(Root, "config"));
    }

    /// <summary>The same folders for a child process.</summary>
    public static Dictionary<string, string?> ChildEnvironment() => new()
    {
        ["CLINICALAGENT_DB"] = System.Environment.GetEnvironmentVariable("CLINICALAGENT_DB"),
        ["CLINICALAGENT_MODELS"] = System.Environment.GetEnvironmentVariable("CLINICALAGENT_MODELS"),
        ["CLINICALAGENT_CONFIG"] = System.Environment.GetEnvironmentVariable("CLINICALAGENT_CONFIG"),
    };
}
