using System.Reflection;
using ClinicalAgent.Tools;
using Microsoft.SemanticKernel;

namespace ClinicalAgent.Workflows.Definitions;

/// <summary>
/// The names of the clinical tools an agent step may allow, read from the tool plugins' <c>[KernelFunction]</c>
/// attributes, so validation needs no store or model.
/// </summary>
internal static class ToolCatalog
{
    private static readonly Lazy<IReadOnlySet<string>> All = new(() => typeof(ClinicalToolsPlugin).Assembly.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance))
        .Select(m => m.GetCustomAttribute<KernelFunctionAttribute>()?.Name)
        .OfType<string>()
        .ToHashSet(StringComparer.Ordinal));

    /// <summary>Every tool name the model can be given.</summary>
    public static IReadOnlySet<string> Names => All.Value;
}
