using System.Diagnostics;
using System.Text;
using ClinicalAgent.Agent.Runtime.Local;
using LLama;
using LLama.Batched;
using LLama.Common;
using LLama.Sampling;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Bench.Runtime;

/// <summary>Wall time of one cold prompt plus generation, and the tokens involved.</summary>
internal sealed record DecodeRun(double Ms, int PromptTokens, int GeneratedTokens);

/// <summary>
/// The same prompt decoded by our client (template, pool, decoder, parsing; no tools so no grammar)
/// and by LLamaSharp directly (a BatchedExecutor conversation sampled with DefaultSamplingPipeline).
/// </summary>
internal static class DecodingComparison
{
    public const int MaxTokens = 128;

    public static async Task<DecodeRun> ClientAsync(LocalModel model, LocalChatClient client, IReadOnlyList<ChatMessage> messages, uint seed)
    {
        await model.ClearCacheAsync();
        var clock = Stopwatch.StartNew();
        var response = await client.GetResponseAsync(messages, new ChatOptions { Seed = seed, MaxOutputTokens = MaxTokens, Temperature = 0.8f });
        return new DecodeRun(clock.Elapsed.TotalMilliseconds, (int)response.Usage!.InputTokenCount!, (int)response.Usage.OutputTokenCount!);
    }

    /// <summary>Decodes <paramref name="prompt"/> with LLamaSharp alone, generating exactly <paramref name="generate"/>
    /// tokens (an end of turn does not stop it) so the work matches the client's run.</summary>
    public static async Task<DecodeRun> RawAsync(LLamaWeights weights, ModelParams parameters, string prompt, uint seed, int generate)
    {
        using var executor = new BatchedExecutor(weights, parameters);
        var clock = Stopwatch.StartNew();
        var tokens = executor.Context.Tokenize(prompt, addBos: true, special: true);
        using var conversation = executor.Create();
        conversation.Prompt(tokens);
        await executor.Infer();
        using var pipeline = new DefaultSamplingPipeline { Temperature = 0.8f, Seed = seed, TopK = 40, TopP = 0.95f };
        var decoder = new StreamingTokenDecoder(Encoding.UTF8, weights);
        var generated = 0;
        while (generated < generate)
        {
            var token = conversation.Sample(pipeline);
            decoder.Add(token);
            generated++;
            conversation.Prompt(token);
            await executor.Infer();
        }

        _ = decoder.Read();
        return new DecodeRun(clock.Elapsed.TotalMilliseconds, tokens.Length, generated);
    }
}
