namespace ClinicalAgent.Tools.Tests.Plugins;

/// <summary>The patient tools over tidy generated records.</summary>
public sealed class StandardPatientPluginTests(ToolsFixture fixture) : PatientPluginTests<ToolsFixture>(fixture), IClassFixture<ToolsFixture>;
