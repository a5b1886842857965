using ClinicalAgent.Fhir;
using ClinicalAgent.Tools.Formatting;
using Microsoft.Extensions.Logging;

namespace ClinicalAgent.Tools;

/// <summary>
/// Runs one tool call: the result as compact JSON, or a readable <c>{"error": ...}</c> for a wrong argument or a
/// FHIR failure, so the model can correct itself instead of the loop crashing. Logs name the tool and ids only.
/// </summary>
internal static partial class ToolRunner
{
    public static async Task<string> RunAsync<T>(ILogger logger, string tool, string? subject, Func<Task<T>> body)
    {
        Started(logger, tool, subject);
        try
        {
            var json = ToolJson.Serialize(await body().ConfigureAwait(false));
            Result(logger, tool, json);
            return json;
        }
        catch (ToolArgumentException ex)
        {
            Rejected(logger, tool, subject);
            return ToolJson.Error(ex.Message);
        }
        catch (FhirGatewayException ex)
        {
            Failed(logger, tool, subject, (int)ex.Status);
            return ToolJson.Error(ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Tool {Tool} called for {Subject}")]
    private static partial void Started(ILogger logger, string tool, string? subject);

    // Results hold patient data: Trace only.
    [LoggerMessage(Level = LogLevel.Trace, Message = "Tool {Tool} returned {Json}")]
    private static partial void Result(ILogger logger, string tool, string json);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Tool {Tool} rejected its arguments for {Subject}")]
    private static partial void Rejected(ILogger logger, string tool, string? subject);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tool {Tool} failed for {Subject} with FHIR status {Status}")]
    private static partial void Failed(ILogger logger, string tool, string? subject, int status);
}
