namespace ClinicalAgent.Bench.Agent;

/// <summary>Token totals of one tool (label) over all patients: its results versus the same resources as raw FHIR JSON.</summary>
internal sealed record ToolTokenRow(string Label, int Calls, long ResultTokens, long RawTokens)
{
    public double Ratio => ResultTokens == 0 ? 0 : (double)RawTokens / ResultTokens;
}
