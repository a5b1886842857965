using System.Text.Json;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Agent.Loop;

/// <summary>The AI serializer settings without indentation: arguments and results as the trace stores them.</summary>
internal static class CompactJson
{
    public static JsonSerializerOptions Options { get; } = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };
}
