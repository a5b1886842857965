namespace ClinicalAgent.Imaging;

/// <summary>
/// A model behind an image tool cannot run in a way the user can fix (not set up, a file missing, foreign or
/// corrupt). The message is one line naming the setting or file and what to do, and holds no patient data, so the
/// tools pass it on as their error result.
/// </summary>
public class ImageModelException : Exception
{
    public ImageModelException(string message, Exception? inner = null) : base(message, inner) { }
}
