namespace ClinicalAgent.Tools.Tests.Plugins;

/// <summary>Medications and encounters over tidy generated records.</summary>
public sealed class StandardClinicalRecordPluginTests(ToolsFixture fixture)
    : ClinicalRecordPluginTests<ToolsFixture>(fixture), IClassFixture<ToolsFixture>;
