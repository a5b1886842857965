namespace ClinicalAgent.Bench.Hosting;

/// <summary>
/// What every model benchmark does around its measurement: read its options (a bad one prints the message and the
/// usage, exit code 2), measure, then print the Markdown report to stdout and write it to <c>--out</c> when given.
/// </summary>
internal static class BenchHost
{
    /// <summary>A mode's option reader: false with a message naming the bad argument.</summary>
    public delegate bool OptionsReader<TOptions>(IReadOnlyList<string> args, out TOptions options, out string error);

    /// <summary>Runs one mode: <paramref name="measure"/> returns its report; <paramref name="outputPath"/> says where else it goes.</summary>
    public static async Task<int> RunAsync<TOptions>(IReadOnlyList<string> args, OptionsReader<TOptions> read, string usage,
        Func<TOptions, Task<string>> measure, Func<TOptions, string?> outputPath)
    {
        if (!read(args, out var options, out var error))
        {
            Console.Error.WriteLine(error);
            Console.Error.WriteLine(usage);
            return 2;
        }

        var report = await measure(options);
        Console.Out.Write(report);
        if (outputPath(options) is { } path)
            await File.WriteAllTextAsync(path, report);
        return 0;
    }
}
