namespace ClinicalAgent.Fhir.Storage;

/// <summary>
/// Creates the files that hold records (a store, a workflow store) readable by their owner only: 0600, in a folder
/// created 0700. Other local users must not read patients' data by default. On Windows the modes are left to the
/// folder's ACL (the user's profile folders are already private).
/// </summary>
public static class OwnerOnlyFiles
{
    /// <summary>Creates <paramref name="path"/> empty and owner-only unless it exists (its folder too).</summary>
    public static void CreateFile(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows())
                Directory.CreateDirectory(folder);
            else
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        if (File.Exists(path))
        {
            return;
        }

        // An empty file is a valid new SQLite database; SQLite gives its -wal and -shm files the same permissions.
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using var _ = new FileStream(path, options);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: it is theirs to initialise, and SQLite's locking orders the two.
        }
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/>, replacing what was there; a new file is owner-only.</summary>
    public static void WriteAllText(string path, string text)
    {
        CreateFile(path);
        File.WriteAllText(path, text);
    }

    /// <summary>Creates (or truncates) <paramref name="path"/> for writing, owner-only when new (its folder too).</summary>
    public static FileStream Create(string path)
    {
        CreateFile(path);
        return new FileStream(path, FileMode.Truncate, FileAccess.Write, FileShare.None);
    }
}
