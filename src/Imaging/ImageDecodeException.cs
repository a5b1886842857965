namespace ClinicalAgent.Imaging;

/// <summary>An image that cannot be decoded: malformed, truncated, or in a format or transfer syntax this reader lacks.
/// The message is one line a user can act on.</summary>
public sealed class ImageDecodeException : Exception
{
    public ImageDecodeException(string message) : base(message) { }

    public ImageDecodeException(string message, Exception inner) : base(message, inner) { }
}
