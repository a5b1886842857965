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
    private static readonly Lazy<IReadOnlyDictionary<string, MethodInfo>> All = new(() => typeof(ClinicalToolsPlugin).Assembly.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance))
        .Select(m => (Method: m, m.GetCustomAttribute<KernelFunctionAttribute>()?.Name))
        .Where(x => x.Name is not null)
        .ToDictionary(x => x.Name!, x => x.Method, StringComparer.Ordinal));

    /// <summary>Every tool name the model can be given.</summary>
    public static IReadOnlySet<string> Names { get; } = All.Value.Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The parameters of tool <paramref name="name"/> in order, each with whether it is required (no default); null
    /// for an unknown tool. The cancellation token is the runtime's, not an argument.
    /// </summary>
    public static IReadOnlyDictionary<string, bool>? Parameters(string name) =>
        All.Value.TryGetValue(name, out var method)
            ? method.GetParameters()
                .Where(p => p.ParameterType != typeof(CancellationToken) && p.Name is not null)
                .ToDictionary(p => p.Name!, p => !p.HasDefaultValue, StringComparer.Ordinal)
            : null;
}
