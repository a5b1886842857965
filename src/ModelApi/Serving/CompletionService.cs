using ClinicalAgent.Agent.Runtime.Local;
using ClinicalAgent.ModelApi.Protocol;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.ModelApi.Serving;

/// <summary>
/// Runs a non-streaming completion: one call of the runtime, the answer cut at the first stop sequence, and the output
/// checked against the request's schemas (<see cref="OutputConformance"/>). Output the grammar admitted but a relaxed
/// schema construct refuses is sampled again with another seed, up to <see cref="MaxAttempts"/> times.
/// </summary>
internal static class CompletionService
{
    /// <summary>Attempts before a non-conforming output becomes a 500.</summary>
    public const int MaxAttempts = 3;

    public static async Task<(CompletionResult Result, int Attempts)> CompleteAsync(IChatClient client, ChatCompletionRequest request, CancellationToken cancellationToken)
    {
        string? problem = null;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var options = attempt == 0 ? request.Options : Reseeded(request.Options, attempt);
            var response = await client.GetResponseAsync(request.Messages, options, cancellationToken).ConfigureAwait(false);
            var result = ToResult(response, request);
            problem = OutputConformance.Problem(request, result.Content, result.ToolCalls, result.FinishReason);
            if (problem is null)
                return (result, attempt + 1);
        }

        throw new ModelApiException(500, $"The model's output did not conform after {MaxAttempts} attempts: {problem}.", code: "invalid_model_output");
    }

    /// <summary>The same options with another seed, so a retry samples differently.</summary>
    public static ChatOptions Reseeded(ChatOptions options, int attempt)
    {
        var copy = options.Clone();
        copy.Seed = unchecked((options.Seed ?? 0) + (attempt * 7919L));
        return copy;
    }

    private static CompletionResult ToResult(ChatResponse response, ChatCompletionRequest request)
    {
        var contents = response.Messages.SelectMany(m => m.Contents).ToList();
        var calls = contents.OfType<FunctionCallContent>().ToList();
        var text = string.Concat(contents.OfType<TextContent>().Select(t => t.Text));
        var (cut, stopped) = StopSequenceFilter.Cut(text, request.Stop);
        var finish = stopped ? "stop" : CompletionResult.FinishReasonName(response.FinishReason);
        var logProbabilities = request.LogProbabilities ? LogProbabilities.From(response.AdditionalProperties) ?? [] : null;
        return new CompletionResult(calls.Count > 0 && cut.Length == 0 ? null : cut, calls, finish, response.Usage, logProbabilities);
    }
}
