using System.Globalization;

namespace ClinicalAgent.Fhir.Storage;

/// <summary>
/// One long-running writer process per store (<c>serve</c>, <c>fhir serve</c>, <c>fhir import</c>, <c>fhir seed</c>,
/// <c>ask</c>/<c>chat</c> that may write): an exclusive OS lock on <c>&lt;db&gt;.lock</c>, held while the store is
/// open. The operating system drops it when the process ends, however it ends, so a killed writer never leaves a
/// stale lock. A second writer fails at once, naming the first, instead of waiting on SQLite's busy timeout. Readers
/// (<c>fhir get</c>, <c>fhir search</c>, <c>fhir stats</c>, <c>tools</c>) take no lock and run beside a writer.
/// </summary>
/// <remarks>The holder's pid and command are in <c>&lt;db&gt;.lock</c> (for people) and <c>&lt;db&gt;.lock.owner</c>
/// (for the next process: a file locked this way cannot be opened by another .NET process, even to read).</remarks>
internal sealed class StoreWriterLock : IDisposable
{
    private readonly FileStream _lock;
    private readonly string _ownerPath;

    private StoreWriterLock(FileStream @lock, string ownerPath)
    {
        _lock = @lock;
        _ownerPath = ownerPath;
    }

    /// <summary>Takes the lock for <paramref name="holder"/> (e.g. <c>clinicalagent serve</c>).</summary>
    /// <exception cref="StoreInUseException">Another process holds it.</exception>
    public static StoreWriterLock Acquire(string databasePath, string holder)
    {
        var lockPath = databasePath + ".lock";
        var ownerPath = lockPath + ".owner";
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        FileStream stream;
        try
        {
            stream = new FileStream(lockPath, options);
        }
        catch (IOException) when (File.Exists(lockPath))
        {
            throw new StoreInUseException(databasePath, Owner(ownerPath));
        }

        var line = string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId} {holder}\n");
        try
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(line);
            stream.SetLength(0);
            stream.Write(bytes);
            stream.Flush();
            OwnerOnlyFiles.WriteAllText(ownerPath, line);
        }
        catch
        {
            stream.Dispose();
            throw;
        }

        return new StoreWriterLock(stream, ownerPath);
    }

    public void Dispose()
    {
        // The lock file stays: deleting it while another process opens it could let two hold locks on two files.
        try
        {
            File.Delete(_ownerPath);
        }
        catch (IOException)
        {
            // Only a hint for the next process; a later holder overwrites it.
        }

        _lock.Dispose();
    }

    private static string? Owner(string ownerPath)
    {
        try
        {
            return File.Exists(ownerPath) ? File.ReadAllText(ownerPath).Trim() : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
