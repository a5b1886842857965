using System.Text.Json;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.ModelApi.Protocol;

/// <summary>A <c>POST /v1/chat/completions</c> body, read into what the runtime takes.</summary>
/// <param name="Model">The requested model id.</param>
/// <param name="Messages">The conversation.</param>
/// <param name="Options">Tools, tool mode, sampling, response format, log-probabilities.</param>
/// <param name="Stream">Whether the reply streams as server-sent events.</param>
/// <param name="IncludeUsage">With streaming: whether a last chunk carries the usage (<c>stream_options.include_usage</c>).</param>
/// <param name="LogProbabilities">Whether <c>logprobs</c> was asked for.</param>
/// <param name="Stop">Stop sequences: the answer ends before the first one found.</param>
/// <param name="ToolSchemas">Each offered tool's parameters schema, to check calls against after sampling.</param>
/// <param name="ResponseSchema">The <c>json_schema</c> response format's schema, to check the answer against.</param>
internal sealed record ChatCompletionRequest(
    string Model,
    IReadOnlyList<ChatMessage> Messages,
    ChatOptions Options,
    bool Stream,
    bool IncludeUsage,
    bool LogProbabilities,
    IReadOnlyList<string> Stop,
    IReadOnlyDictionary<string, JsonElement> ToolSchemas,
    JsonElement? ResponseSchema);
