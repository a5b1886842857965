namespace ClinicalAgent.Agent.Models;

/// <summary>
/// Files the model cache creates are its owner's only (0600 in folders created 0700): gated weights and whatever
/// sits beside them are not for other local users. On Windows the user's profile ACL already says so.
/// </summary>
internal static class OwnerOnlyFile
{
    private const UnixFileMode File = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Folder = File | UnixFileMode.UserExecute;

    /// <summary>Creates <paramref name="path"/> (and its parents) 0700 when missing.</summary>
    public static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(path);
        else
            Directory.CreateDirectory(path, Folder);
    }

    /// <summary>Opens <paramref name="path"/> for asynchronous writing (appending or replacing); a new file is 0600.</summary>
    public static FileStream OpenWrite(string path, bool append, int bufferSize)
    {
        var options = new FileStreamOptions
        {
            Mode = append ? FileMode.Append : FileMode.Create,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = bufferSize,
            Options = FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = File;
        return new FileStream(path, options);
    }
}
