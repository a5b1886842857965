using ClinicalAgent.Fhir.Synthetic;

namespace ClinicalAgent.Tools.Tests.MedAgentBenchV2;

/// <summary>Six generated patients in the MedAgentBench style (labs under the short codes MG, K, GLU, A1C).</summary>
public sealed class V2ToolsFixture() : ToolsFixture(SyntheticStyle.MedAgentBench);
