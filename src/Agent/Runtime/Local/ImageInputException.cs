namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>
/// An image in a request cannot be given to the local model: no vision projector is loaded (<c>Model:MmprojPath</c>),
/// the bytes are not an image the runtime decodes, or the image needs more tokens than a decode batch holds. The
/// message is one line naming what to change; nothing of the conversation's cache is lost.
/// </summary>
public sealed class ImageInputException : Exception
{
    public ImageInputException(string message) : base(message) { }

    public ImageInputException(string message, Exception inner) : base(message, inner) { }
}
