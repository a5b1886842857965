namespace ClinicalAgent.Workflows.Tests;

/// <summary>The sample definitions of <c>samples/workflows</c>, as copied next to the tests.</summary>
internal static class SampleWorkflows
{
    public static (string Name, string Yaml) Get(string name) =>
        (name, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", name + ".yaml")));
}
