using ClinicalAgent.Fhir.Synthetic;

namespace ClinicalAgent.Tools.Tests;

/// <summary>The same six patients shaped as real exports are (<see cref="SyntheticStyle.Synthea"/>).</summary>
public sealed class SyntheaToolsFixture() : ToolsFixture(SyntheticStyle.Synthea);
