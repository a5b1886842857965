using System.Text;
using Microsoft.Data.Sqlite;

namespace ClinicalAgent.Fhir.Storage;

/// <summary>
/// What is at a store's path before and after SQLite opens it: a file that is empty or not SQLite is refused rather
/// than silently becoming an empty store (SQLite would happily start writing into it), a damaged one is refused after
/// <c>PRAGMA quick_check</c>, and a new store is created readable by its owner only (0600, its folder 0700).
/// </summary>
internal static class StoreFile
{
    /// <summary>
    /// Stores up to this size are checked at every open: quick_check reads every page, about 0.2 s per 50 MB here, so
    /// a 1,000-patient store (about 0.9 GB) would add seconds to every command. A larger one is not checked at open;
    /// a damaged page then fails the read that meets it (SQLite's own check), which the CLI reports in one line.
    /// </summary>
    public const long QuickCheckLimitBytes = 512L * 1024 * 1024;

    private static readonly byte[] SqliteHeader = Encoding.ASCII.GetBytes("SQLite format 3\0");

    /// <summary>Checks an existing file, or creates the new one owner-only; throws naming the path and what is wrong.</summary>
    /// <exception cref="InvalidOperationException">The file is empty, not a SQLite database, or cannot be read.</exception>
    public static void Prepare(string path)
    {
        if (!File.Exists(path))
        {
            OwnerOnlyFiles.CreateFile(path);
            return;
        }

        var header = new byte[SqliteHeader.Length];
        int read;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }

        if (read == 0)
        {
            throw new InvalidOperationException($"{path} is an empty file, not a FHIR store; remove it, or pass another --db (Fhir:Database).");
        }

        if (read < header.Length || !header.AsSpan().SequenceEqual(SqliteHeader))
        {
            throw new InvalidOperationException($"{path} is not a FHIR store (not a SQLite database); pass the store's file as --db (Fhir:Database).");
        }
    }

    /// <summary>Whether the file at <paramref name="path"/> is small enough to check at every open.</summary>
    public static bool CheckedOnOpen(string path) => new FileInfo(path).Length <= QuickCheckLimitBytes;

    /// <summary>Runs SQLite's quick integrity check; throws when the store is damaged.</summary>
    /// <exception cref="InvalidOperationException">The check found a problem.</exception>
    public static void CheckIntegrity(SqliteConnection connection, string path)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA quick_check(1)";
        var result = command.ExecuteScalar() as string;
        if (!string.Equals(result, "ok", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"The FHIR store at {path} is damaged (SQLite quick_check: {Shorten(result)}); restore it from a backup, or pass another --db.");
        }
    }

    private static string Shorten(string? text) => text is null ? "no answer" : text.Length <= 120 ? text : text[..120] + "…";
}
