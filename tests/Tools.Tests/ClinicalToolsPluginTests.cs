using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace ClinicalAgent.Tools.Tests;

public sealed class ClinicalToolsPluginTests(ToolsFixture fixture) : IClassFixture<ToolsFixture>
{
    private static readonly string[] Names =
    [
        "find_patients", "get_patient", "get_patient_overview", "get_observations", "get_conditions", "get_medications",
        "get_procedures", "get_allergies", "get_encounters", "get_immunizations", "get_documents", "read_document", "fhir_search",
        "list_images", "describe_image", "classify_image", "compare_images",
        "record_vital_sign", "order_medication", "order_service", "create_note",
    ];

    [Fact]
    public void Create_Metadata_SnakeCaseNamesAndDescribedParameters()
    {
        var plugin = ClinicalToolsPlugin.Create(fixture.Services);

        var metadata = plugin.GetFunctionsMetadata();

        Assert.Equal(Names.Order(), metadata.Select(f => f.Name).Order());
        Assert.All(metadata, f =>
        {
            Assert.Equal(ClinicalToolsPlugin.PluginName, f.PluginName);
            Assert.False(string.IsNullOrWhiteSpace(f.Description));
            Assert.NotEmpty(f.Parameters);
            Assert.All(f.Parameters, p => Assert.False(string.IsNullOrWhiteSpace(p.Description), $"{f.Name}.{p.Name}"));
        });
    }

    [Fact]
    public async Task CreateModelFunctions_BareNames_InvokeThroughTheKernel()
    {
        var kernel = new Kernel(fixture.Services);
        var patient = fixture.Of<Hl7.Fhir.Model.Patient>().First();

        var functions = ClinicalToolsPlugin.CreateModelFunctions(fixture.Services, kernel);
        var result = await functions.Single(f => f.Name == "get_patient").InvokeAsync(new() { ["patient_id"] = patient.Id });

        Assert.Equal(Names.Order(), functions.Select(f => f.Name).Order());
        Assert.Contains(patient.Id, result?.ToString());
    }

    [Fact]
    public void CreateModelFunctions_Schemas_DoNotRepeatTheDescriptionUnderCondition()
    {
        var kernel = new Kernel(fixture.Services);
        var raw = ClinicalToolsPlugin.Create(fixture.Services).Select(f => f.WithKernel(kernel)).ToDictionary(f => f.Name, f => f.JsonSchema);

        var functions = ClinicalToolsPlugin.CreateModelFunctions(fixture.Services, kernel);

        // Semantic Kernel's schema repeats each description under a "condition" key no JSON Schema reader knows.
        Assert.Contains(raw.Values, s => s.TryGetProperty("condition", out _));
        Assert.All(functions, f =>
        {
            Assert.False(f.JsonSchema.TryGetProperty("condition", out _), f.Name);
            Assert.Equal(raw[f.Name].GetProperty("properties").EnumerateObject().Select(p => p.Name), f.JsonSchema.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        });
    }

    [Fact]
    public async Task InvokeAsync_ThroughKernel_BindsArguments()
    {
        var kernel = new Kernel(fixture.Services);
        var plugin = kernel.Plugins.AddClinicalTools(fixture.Services);
        var patient = fixture.Of<Hl7.Fhir.Model.Patient>().First();

        var result = await kernel.InvokeAsync(plugin["get_observations"], new() { ["patient_id"] = patient.Id, ["code"] = "potassium", ["latest_only"] = "true" });

        using var json = System.Text.Json.JsonDocument.Parse(result.GetValue<string>()!);
        var row = Assert.Single(ClinicalAgent.Tools.Formatting.ToolTable.Rows(json.RootElement));
        Assert.Equal("2823-3", row.GetProperty("code").GetString());
    }
}
