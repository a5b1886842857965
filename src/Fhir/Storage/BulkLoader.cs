using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Hl7.Fhir.Model;
using Microsoft.Data.Sqlite;
using Task = System.Threading.Tasks.Task;

namespace ClinicalAgent.Fhir.Storage;

/// <summary>
/// The two stages of a bulk load inside the writer's one transaction: preparing chunks (the caller's enumeration,
/// which may parse; the current-row lookup; JSON, index rows and references on all cores) and committing them in
/// order on the writer's connection. With <c>ahead</c> the preparing runs on its own thread a few chunks ahead, so the
/// single writer's SQLite work overlaps the parsing and indexing instead of alternating with it.
/// </summary>
/// <remarks>
/// The lookup ahead reads the committed store on a connection of its own: the writer's transaction began
/// <c>IMMEDIATE</c>, so no other writer commits meanwhile, and what this load itself writes is seen through the
/// keys it has carried: a chunk with a key carried before (or twice) is handed over unprepared and written one by
/// one on the writer's connection, where each version follows the one just written. Same rows, same order, same
/// versions as preparing in line. A prepared chunk of new resources is written with statements spanning the chunk
/// (<see cref="ResourceWriter.CommitChunk"/>) unless <see cref="FhirStoreOptions.BatchLoadRows"/> is off.
/// </remarks>
internal sealed class BulkLoader(ResourceWriter writer, Func<SqliteConnection> openRead, FhirStoreOptions options)
{
    private const int ChunksAhead = 2;

    /// <summary>Stores every resource (a new id where it has none); returns how many.</summary>
    public int Load(IEnumerable<Resource> resources, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var stored = 0;
        void Commit(LoadChunk chunk)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (chunk.Prepared is null)
            {
                foreach (var resource in chunk.Resources)
                    writer.Write(resource);
            }
            else if (options.BatchLoadRows)
            {
                writer.CommitChunk(chunk.Prepared);
            }
            else
            {
                foreach (var write in chunk.Prepared)
                    writer.Commit(write);
            }

            stored += chunk.Resources.Length;
            progress?.Report(stored);
        }

        if (!options.PrepareLoadAhead)
        {
            foreach (var chunk in Prepare(resources, writer.Current, cancellationToken))
                Commit(chunk);
            return stored;
        }

        using var connection = openRead();
        using var lookup = connection.CreateCommand();
        lookup.CommandText = "SELECT rid, version FROM resources WHERE type = $t AND id = $i";
        var type = lookup.Parameters.Add("$t", SqliteType.Text);
        var id = lookup.Parameters.Add("$i", SqliteType.Text);
        lookup.Prepare();
        (long Rid, int Version)? Committed(string resourceType, string resourceId)
        {
            type.Value = resourceType;
            id.Value = resourceId;
            using var reader = lookup.ExecuteReader();
            return reader.Read() ? (reader.GetInt64(0), reader.GetInt32(1)) : null;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var queue = new BlockingCollection<LoadChunk>(ChunksAhead);
        var preparing = Task.Run(() =>
        {
            try
            {
                foreach (var chunk in Prepare(resources, Committed, stop.Token))
                    queue.Add(chunk, stop.Token);
            }
            finally
            {
                queue.CompleteAdding();
            }
        }, stop.Token);

        try
        {
            foreach (var chunk in queue.GetConsumingEnumerable(stop.Token))
                Commit(chunk);
        }
        catch
        {
            stop.Cancel(); // the preparing stage stops at its next chunk; its own failure, if any, is not the first
            WaitQuietly(preparing);
            throw;
        }

        preparing.GetAwaiter().GetResult(); // the preparing stage's failure (a parse or reference error) is the load's
        return stored;
    }

    private IEnumerable<LoadChunk> Prepare(IEnumerable<Resource> resources, Func<string, string, (long Rid, int Version)?> current, CancellationToken cancellationToken)
    {
        var carried = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in resources.Chunk(options.LoadChunk))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var repeats = false;
            foreach (var resource in chunk)
            {
                resource.Id ??= SqliteFhirStore.NewId();
                repeats |= !carried.Add(resource.TypeName + "/" + resource.Id);
            }

            if (repeats)
            {
                yield return new LoadChunk(chunk, null);
                continue;
            }

            var rows = chunk.Select(r => current(r.TypeName, ResourceWriter.CheckedId(r))).ToArray();
            var prepared = new PreparedWrite[chunk.Length];
            try
            {
                Parallel.For(0, chunk.Length, i => prepared[i] = writer.Prepare(chunk[i], rows[i]));
            }
            catch (AggregateException ex) when (ex.InnerExceptions.OfType<FhirGatewayException>().FirstOrDefault() is { } first)
            {
                ExceptionDispatchInfo.Throw(first);
            }

            yield return new LoadChunk(chunk, prepared);
        }
    }

    private static void WaitQuietly(Task task)
    {
        try
        {
            task.Wait();
        }
        catch (AggregateException)
        {
            // Stopped because the writer failed; the writer's failure is the one reported.
        }
    }
}
