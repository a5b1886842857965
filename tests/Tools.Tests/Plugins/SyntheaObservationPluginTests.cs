namespace ClinicalAgent.Tools.Tests.Plugins;

/// <summary>get_observations over records shaped like real exports (diastolic first, 6298-4 potassium, …).</summary>
public sealed class SyntheaObservationPluginTests(SyntheaToolsFixture fixture)
    : ObservationPluginTests<SyntheaToolsFixture>(fixture), IClassFixture<SyntheaToolsFixture>;
