using ClinicalAgent.Bench;
using ClinicalAgent.Bench.Store;

if (!BenchOptions.TryParse(args, out var options, out var error))
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

return await new StoreBenchmark(options).RunAsync();
