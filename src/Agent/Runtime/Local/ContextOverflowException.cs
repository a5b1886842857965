namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>
/// A request's prompt plus its output budget does not fit the model's context window. The runtime
/// refuses rather than silently dropping the start of the conversation; callers shorten the history or
/// tool results, or raise <see cref="LocalModelOptions.ContextSize"/>.
/// </summary>
public sealed class ContextOverflowException : Exception
{
    /// <summary>Creates the exception from the sizes involved.</summary>
    public ContextOverflowException(int promptTokens, int maxOutputTokens, int contextSize)
        : base($"The prompt needs {promptTokens} tokens and the reply up to {maxOutputTokens} more, " +
               $"{promptTokens + maxOutputTokens} in all, but the context holds {contextSize} tokens. " +
               "Shorten the conversation or raise Model:ContextSize.")
    {
        PromptTokens = promptTokens;
        MaxOutputTokens = maxOutputTokens;
        ContextSize = contextSize;
    }

    /// <summary>A model server refused the request as too long for its context (its own message, sizes unknown).</summary>
    public ContextOverflowException(string serverMessage, Exception inner)
        : base($"The model server says the conversation does not fit its context: {serverMessage}", inner)
    {
    }

    /// <summary>Tokens in the rendered prompt.</summary>
    public int PromptTokens { get; }

    /// <summary>Tokens reserved for the reply.</summary>
    public int MaxOutputTokens { get; }

    /// <summary>The context window in tokens.</summary>
    public int ContextSize { get; }
}
