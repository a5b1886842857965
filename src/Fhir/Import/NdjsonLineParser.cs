using System.Collections.Concurrent;

namespace ClinicalAgent.Fhir.Import;

/// <summary>Runs the parsing of an NDJSON file's batches on a thread of its own, a few batches ahead of their reader.</summary>
internal static class NdjsonLineParser
{
    private const int BatchesAhead = 2;

    /// <summary>
    /// The batches <paramref name="parse"/> gives, in its order, produced ahead on a dedicated thread (it blocks on the
    /// queue, so it takes no pool thread from the store's preparing). A reader that stops early (the store failed) stops
    /// the parsing at its next batch; a failure of the parsing itself (reading the file) is thrown after the batches
    /// before it.
    /// </summary>
    public static IEnumerable<ParsedLines> Ahead(Func<IEnumerable<ParsedLines>> parse)
    {
        using var stop = new CancellationTokenSource();
        using var queue = new BlockingCollection<ParsedLines>(BatchesAhead);
        var parsing = Task.Factory.StartNew(() =>
        {
            try
            {
                foreach (var batch in parse())
                    queue.Add(batch, stop.Token);
            }
            finally
            {
                queue.CompleteAdding();
            }
        }, stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        try
        {
            foreach (var batch in queue.GetConsumingEnumerable())
                yield return batch;
            parsing.GetAwaiter().GetResult();
        }
        finally
        {
            stop.Cancel();
            WaitQuietly(parsing);
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
            // Stopped because the reader stopped (its failure is the one reported), or already thrown above.
        }
    }
}
