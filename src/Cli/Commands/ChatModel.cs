using Microsoft.Extensions.AI;

namespace ClinicalAgent.Cli.Commands;

/// <summary>A chat client a command created, and how to name it to the user. Disposing it frees the model.</summary>
/// <param name="Client">The client.</param>
/// <param name="Name">The model file, or the served model and its endpoint.</param>
public sealed record ChatModel(IChatClient Client, string Name) : IDisposable
{
    /// <inheritdoc />
    public void Dispose() => Client.Dispose();
}
