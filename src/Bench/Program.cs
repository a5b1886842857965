using ClinicalAgent.Bench;
using ClinicalAgent.Bench.Agent;
using ClinicalAgent.Bench.Harness;
using ClinicalAgent.Bench.Runtime;
using ClinicalAgent.Bench.Store;
using ClinicalAgent.Bench.Workflows;

if (args.Length > 0 && args[0] == "harness")
    return await HarnessBenchmark.RunAsync(args);

if (args.Length > 0 && args[0] == "runtime")
    return await RuntimeBenchmark.RunAsync(args);

if (args.Length > 0 && args[0] == "vision")
    return await ClinicalAgent.Bench.Vision.VisionBenchmark.RunAsync(args);

if (args.Length > 0 && args[0] == "agent")
    return await AgentBenchmark.RunAsync(args);

if (args.Length > 0 && args[0] == "remote")
    return await ClinicalAgent.Bench.Remote.RemoteBenchmark.RunAsync(args);

if (args.Length > 0 && args[0] == "rest")
    return await ClinicalAgent.Bench.Rest.RestBenchmark.RunAsync(args);

if (args.Length > 0 && args[0] == "dicom")
    return ClinicalAgent.Bench.Imaging.DicomBenchmark.Run(args);

if (args.Length > 0 && args[0] == "cds-hooks")
    return await ClinicalAgent.Bench.CdsHooks.CdsHooksBenchmark.RunAsync(args);

if (args.Length > 0 && args[0] == "modelapi")
    return await ClinicalAgent.Bench.ModelApi.ModelApiBenchmark.RunAsync(args);

if (args.Length > 0 && args[0] == "web")
    return await ClinicalAgent.Bench.Web.WebBenchmark.RunAsync(args);

if (args.Length > 0 && args[0] == "mcp")
    return await ClinicalAgent.Bench.Mcp.McpBenchmark.RunAsync(args);

if (args.Length > 0 && args[0] == "workflows")
    return await WorkflowBenchmark.RunAsync(args);

if (args.Length > 0 && args[0] == "workflow-nodes")
    return await ClinicalAgent.Bench.WorkflowNodes.WorkflowNodesBenchmark.RunAsync(args);

if (args.Length > 0 && args[0] == "cold-start")
    return ClinicalAgent.Bench.ColdStart.ColdStartBenchmark.Run(args);

if (args.Length > 0 && args[0] == "store-load")
    return await ClinicalAgent.Bench.StoreLoad.StoreLoadBenchmark.RunAsync(args);

if (args.Length > 0 && args[0] == "judge")
    return await ClinicalAgent.Bench.Judge.JudgeBenchmark.RunAsync(args);

if (args.Length > 0 && args[0] == "tokens")
    return await ClinicalAgent.Bench.Tokens.ToolTokenBenchmark.RunAsync(args);

if (args.Length > 0 && args[0] == "explain")
    return await ClinicalAgent.Bench.Explain.ExplainBenchmark.RunAsync(args);

if (args.Length > 0 && args[0] == "telemetry")
    return await ClinicalAgent.Bench.Telemetry.TelemetryBenchmark.RunAsync(args);

if (args.Length > 0 && args[0] == "prefix-cache")
    return await ClinicalAgent.Bench.PrefixCache.PrefixCacheBenchmark.RunAsync(args);
if (args.Length > 0 && args[0] == "batching")
    return await ClinicalAgent.Bench.Batching.BatchingBenchmark.RunAsync(args);

if (!BenchOptions.TryParse(args, out var options, out var error))
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

return await new StoreBenchmark(options).RunAsync();
