using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Task = System.Threading.Tasks.Task;

namespace ClinicalAgent.Fhir.Storage;

/// <summary>
/// The end of a bulk load into an empty store in two commits, so that its two slow parts run side by side instead of
/// one after the other on one core: the data's commit leaves its pages in the write-ahead log (no checkpoint), then a
/// second connection copies them into the database file while the writer builds the deferred secondary indexes in a
/// transaction of their own, whose commit checkpoints only the indexes' pages.
/// </summary>
/// <remarks>
/// Between the two commits the store holds the loaded resources without its secondary indexes. Every search answers
/// the same meanwhile (SQLite reads the index tables without them), only slower. A process stopped there leaves them
/// missing, and the next open of the store builds them (<see cref="StoreSchema.Initialize"/>). A failure to build them
/// here (another process holding the write lock past the busy timeout, a full disk) does not undo the committed load:
/// it is logged and left to that next open.
/// </remarks>
internal static partial class LoadIndexBuild
{
    /// <summary>Turns the write connection's automatic checkpoint off for the data's commit; returns the setting to restore.</summary>
    public static int SuspendCheckpoints(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA wal_autocheckpoint;";
        var previous = Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        StoreSchema.Execute(connection, transaction, "PRAGMA wal_autocheckpoint=0;");
        return previous;
    }

    /// <summary>
    /// After the data's commit: builds the secondary indexes on <paramref name="writeConnection"/> while a connection
    /// from <paramref name="openOther"/> checkpoints, and restores <paramref name="autoCheckpoint"/> for its own commit
    /// (the caller restores it again whatever happens). Returns whether the indexes were built.
    /// </summary>
    public static bool Build(SqliteConnection writeConnection, Func<SqliteConnection> openOther, int autoCheckpoint, ILogger logger)
    {
        var checkpoint = Task.Run(() =>
        {
            try
            {
                using var other = openOther();
                StoreSchema.Execute(other, null, "PRAGMA wal_checkpoint(PASSIVE);");
            }
            catch (SqliteException ex)
            {
                // Another checkpoint ran (SQLITE_BUSY): the pages it left are copied by the next commit's checkpoint.
                LogCheckpointSkipped(logger, ex.SqliteErrorCode);
            }
        });
        try
        {
            using var transaction = writeConnection.BeginTransaction(deferred: false);
            StoreSchema.CreateSecondaryIndexes(writeConnection, transaction);

            // With the data's pages copied, this commit's own checkpoint has only the indexes' pages left to copy; while
            // the other connection still checkpoints, the commit's would find it busy and leave them in the log.
            checkpoint.Wait();
            StoreSchema.Execute(writeConnection, transaction, $"PRAGMA wal_autocheckpoint={autoCheckpoint};");
            transaction.Commit();
            return true;
        }
        catch (SqliteException ex)
        {
            LogIndexesLeft(logger, ex.SqliteErrorCode, ex.Message);
            return false;
        }
        finally
        {
            checkpoint.Wait(); // never left running past the load: its connection goes back before the writer's next use
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The loaded resources are stored, but their search indexes could not be built now (SQLite error {Code}: {Error}); searches are slower until the store is next opened, which builds them")]
    private static partial void LogIndexesLeft(ILogger logger, int code, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The checkpoint beside the load's index build did not run (SQLite error {Code})")]
    private static partial void LogCheckpointSkipped(ILogger logger, int code);
}
