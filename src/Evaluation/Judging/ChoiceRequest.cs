using System.Text.Json;
using ClinicalAgent.Agent.Runtime.Local;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Evaluation.Judging;

/// <summary>
/// The request options that make a judge's reply one choice token with its distribution: a JSON response format whose
/// schema is an integer enum of the allowed choices (our runtime compiles it to a grammar admitting exactly those
/// tokens; vLLM and llama.cpp's server honour it as guided decoding), greedy decoding, and log-probabilities with
/// <see cref="LogProbabilities.MaxAlternatives"/> alternatives, asked the way the provider understands.
/// </summary>
internal static class ChoiceRequest
{
    /// <summary>Options for a reply that is one of <paramref name="allowed"/> (digits 1–9).</summary>
    public static ChatOptions For(IChatClient client, IReadOnlyList<int> allowed, int? seed)
    {
        var schema = JsonSerializer.SerializeToElement(new { type = "integer", @enum = allowed });
        var options = new ChatOptions
        {
            Temperature = 0f,
            MaxOutputTokens = 4,
            Seed = seed,
            ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "choice", "The preferred answer's number."),
        };
        if (IsOpenAI(client))
        {
            options.RawRepresentationFactory = _ => new OpenAI.Chat.ChatCompletionOptions
            {
                IncludeLogProbabilities = true,
                TopLogProbabilityCount = LogProbabilities.MaxAlternatives,
            };
        }
        else
        {
            options.AdditionalProperties = new() { [LogProbabilities.RequestKey] = LogProbabilities.MaxAlternatives };
        }

        return options;
    }

    /// <summary>Whether the client (through its decorators) is Microsoft.Extensions.AI's OpenAI adapter.</summary>
    private static bool IsOpenAI(IChatClient client) =>
        string.Equals(client.GetService<ChatClientMetadata>()?.ProviderName, "openai", StringComparison.OrdinalIgnoreCase);
}
