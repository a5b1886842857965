namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>
/// A reply's grammar allows no token the sampler may pick (every allowed token is banned, or the grammar allows
/// none): the reply cannot go on. Thrown before the token reaches llama.cpp's grammar, which would abort the whole
/// process on a token it rejects; only the reply that hit it fails. A runtime failure of one request, not a bug of the
/// caller: its own type, so hosts word it as such (an <see cref="InvalidOperationException"/> would be taken for one).
/// </summary>
public sealed class GrammarDeadEndException : Exception
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
