using ClinicalAgent.Tools.Plugins;
using ClinicalAgent.Tools.Writes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;

namespace ClinicalAgent.Tools;

/// <summary>
/// The read and write tools as one Semantic Kernel plugin named <see cref="PluginName"/>, so the model sees one stable set of
/// snake_case functions whatever the C# classes behind them are called.
/// </summary>
public static class ClinicalToolsPlugin
{
    /// <summary>The plugin's name in the kernel.</summary>
    public const string PluginName = "clinical";

    /// <summary>
    /// The tools whose results a model produced (a vision model's answer, zero-shot scores) rather than read from the
    /// record: what a workflow writes from them is AI output, labelled and attributed so.
    /// </summary>
    public static IReadOnlySet<string> ModelBackedTools { get; } = new HashSet<string>(StringComparer.Ordinal) { "describe_image", "compare_images", "classify_image" };

    /// <summary>Builds the plugin from the services <see cref="ClinicalToolsServiceCollectionExtensions.AddClinicalTools(Microsoft.Extensions.DependencyInjection.IServiceCollection, Action{ClinicalToolsOptions}?)"/> registered.</summary>
    public static KernelPlugin Create(IServiceProvider services)
    {
        var functions = Plugins(services).SelectMany(p => KernelPluginFactory.CreateFromObject(p, PluginName));
        return KernelPluginFactory.CreateFromFunctions(PluginName, "Read a patient's FHIR health record and its images, and propose writes to it under the approval policy.", functions);
    }

    /// <summary>
    /// The tools as <see cref="AIFunction"/>s for an agent loop, bound to <paramref name="kernel"/> and named as the
    /// model sees them (<c>find_patients</c>, not <c>clinical_find_patients</c>), their schemas carrying the bounds the
    /// C# parameters declare (a note's text may be long).
    /// </summary>
    public static IReadOnlyList<AIFunction> CreateModelFunctions(IServiceProvider services, Kernel kernel)
    {
        var methods = ToolSchemaAnnotations.Methods(Plugins(services));
        return Create(services).Select(f =>
        {
            var inner = f.WithKernel(kernel);
            var schema = ToolSchemaCleanup.WithoutRepeatedDescription(inner.JsonSchema, inner.Description);
            schema = methods.TryGetValue(f.Name, out var method) ? ToolSchemaAnnotations.Apply(schema, method) : schema;
            return (AIFunction)new ModelFacingFunction(inner, f.Name, schema);
        }).ToList();
    }

    private static object[] Plugins(IServiceProvider services) =>
        [
            services.GetRequiredService<PatientPlugin>(),
            services.GetRequiredService<ObservationPlugin>(),
            services.GetRequiredService<ClinicalRecordPlugin>(),
            services.GetRequiredService<DocumentPlugin>(),
            services.GetRequiredService<FhirSearchPlugin>(),
            services.GetRequiredService<ImagePlugin>(),
            services.GetRequiredService<WritePlugin>(),
        ];

    /// <summary>Adds the read tools to a kernel's plugins.</summary>
    public static KernelPlugin AddClinicalTools(this KernelPluginCollection plugins, IServiceProvider services)
    {
        var plugin = Create(services);
        plugins.Add(plugin);
        return plugin;
    }
}
