namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>
/// A reply's grammar allows no token the sampler may pick (every allowed token is banned, or the grammar allows
/// none): the reply cannot go on. Thrown before the token reaches llama.cpp's grammar, which would abort the whole
/// process on a token it rejects; only the reply that hit it fails.
/// </summary>
public sealed class GrammarDeadEndException : InvalidOperationException
{
    public GrammarDeadEndException(string message)
        : base(message)
    {
    }

    public GrammarDeadEndException()
    {
    }

    public GrammarDeadEndException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
