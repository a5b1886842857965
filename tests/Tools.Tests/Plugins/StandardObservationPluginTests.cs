namespace ClinicalAgent.Tools.Tests.Plugins;

/// <summary>get_observations over tidy generated records.</summary>
public sealed class StandardObservationPluginTests(ToolsFixture fixture) : ObservationPluginTests<ToolsFixture>(fixture), IClassFixture<ToolsFixture>;
