using Microsoft.Extensions.AI;

namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>Counts and timings of one generation, filled in as it runs.</summary>
internal sealed class GenerationStats
{
    /// <summary>Tokens in the rendered prompt.</summary>
    public int PromptTokens { get; set; }

    /// <summary>Prompt tokens found in a cached conversation's KV cache and not evaluated again.</summary>
    public int CachedTokens { get; set; }

    /// <summary>Prompt tokens evaluated by this request.</summary>
    public int EvaluatedTokens => PromptTokens - CachedTokens;

    /// <summary>Tokens sampled, the end-of-turn token excluded.</summary>
    public int OutputTokens { get; set; }

    /// <summary>Why generation stopped: <see cref="ChatFinishReason.Stop"/> or <see cref="ChatFinishReason.Length"/>.</summary>
    public ChatFinishReason? FinishReason { get; set; }

    /// <summary>Time spent evaluating the prompt.</summary>
    public TimeSpan PromptTime { get; set; }

    /// <summary>Time spent sampling and evaluating generated tokens.</summary>
    public TimeSpan GenerationTime { get; set; }

    /// <summary>Images this request encoded (an image already in the cached prefix is not encoded again).</summary>
    public int EncodedImages { get; set; }

    /// <summary>Positions those images took: evaluated prompt tokens that were image embeddings.</summary>
    public int ImageTokens { get; set; }

    /// <summary>Time spent encoding images and decoding their embeddings (part of <see cref="PromptTime"/>).</summary>
    public TimeSpan ImageTime { get; set; }

    /// <summary>llama.cpp decode calls (batches) that carried this request's tokens, prompt and generated.</summary>
    public int DecodeSteps { get; set; }

    /// <summary>Those of <see cref="DecodeSteps"/> that also carried another conversation's tokens (continuous batching).</summary>
    public int SharedDecodeSteps { get; set; }

    /// <summary>Log-probabilities of the sampled positions, when the settings asked for them.</summary>
    public LogitsRecorder? LogProbabilities { get; set; }

    /// <summary>The conversation used, for logs.</summary>
    public int ConversationId { get; set; }

    /// <summary>The counts as Microsoft.Extensions.AI usage.</summary>
    public UsageDetails ToUsage() => new()
    {
        InputTokenCount = PromptTokens,
        OutputTokenCount = OutputTokens,
        TotalTokenCount = PromptTokens + OutputTokens,
        CachedInputTokenCount = CachedTokens,
        AdditionalCounts = new()
        {
            ["CachedInputTokens"] = CachedTokens,
            ["EvaluatedInputTokens"] = EvaluatedTokens,
            ["EncodedImages"] = EncodedImages,
            ["ImageTokens"] = ImageTokens,
            ["DecodeSteps"] = DecodeSteps,
            ["SharedDecodeSteps"] = SharedDecodeSteps,
        },
    };
}
