using ClinicalAgent.Imaging;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClinicalAgent.Tools.Images;

/// <summary>
/// The models behind the image tools, both optional: the registered <see cref="IChatClient"/> (the same vision-capable
/// model the agent talks to, asked in a call of its own while the agent waits for the tool) and an
/// <see cref="IZeroShotImageClassifier"/> (MedSigLIP). Resolved at call time, so a host without one still lists the
/// tools, and calling one says how to set the model up instead of failing to start.
/// </summary>
internal sealed partial class ImageModels(IServiceProvider services, ILogger<ImageModels>? logger = null)
{
    /// <summary>Enough for a few sentences of findings; a runaway answer is cut here, not in the agent's context.</summary>
    internal const int MaxAnswerTokens = 512;

    private readonly ILogger _logger = logger ?? NullLogger<ImageModels>.Instance;

    /// <summary>The classifier, or a clear error saying how to set MedSigLIP up.</summary>
    public IZeroShotImageClassifier Classifier => services.GetService<IZeroShotImageClassifier>()
        ?? throw new ToolArgumentException("No image classifier is set up: classify_image needs MedSigLIP. Run 'clinicalagent model pull medsiglip' once and follow what it prints.");

    /// <summary>
    /// Asks the vision model one user message: <paramref name="instruction"/>, then the PNG images in order. Returns the
    /// answer's text and the model's name when it gives one.
    /// </summary>
    public async Task<(string Answer, string? Model)> AskAsync(string tool, string instruction, IReadOnlyList<byte[]> pngs, CancellationToken cancellationToken)
    {
        var client = services.GetService<IChatClient>()
            ?? throw new ToolArgumentException($"No vision model is configured: {tool} needs one. Run 'clinicalagent model pull' (MedGemma with its vision projector), or set Model:Provider=openai with a vision-capable endpoint.");
        var contents = new List<AIContent> { new TextContent(instruction) };
        contents.AddRange(pngs.Select(png => new DataContent(png, "image/png")));
        ChatResponse response;
        try
        {
            response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, contents)], new ChatOptions { MaxOutputTokens = MaxAnswerTokens }, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The model's own message may quote the prompt; the model reads only the failure's kind.
            ModelFailed(_logger, tool, ex.GetType().Name);
            throw new ToolArgumentException($"The vision model could not answer ({ex.GetType().Name}). Check the model with 'clinicalagent model info', or get one with 'clinicalagent model pull'.");
        }

        var answer = response.Text.Trim();
        if (answer.Length == 0)
        {
            throw new ToolArgumentException("The vision model gave an empty answer; ask again, or ask a narrower question.");
        }

        return (answer, client.GetService<ChatClientMetadata>()?.DefaultModelId);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Vision model call of {Tool} failed: {Error}")]
    private static partial void ModelFailed(ILogger logger, string tool, string error);
}
