using System.CommandLine;
using System.Globalization;
using ClinicalAgent.Agent.Loop;
using ClinicalAgent.Evaluation.Grading;
using ClinicalAgent.Evaluation.Grading.Official;
using ClinicalAgent.Evaluation.MedAgentBenchV2;
using ClinicalAgent.Agent.Runtime.Local;
using ClinicalAgent.Evaluation.Protocol;
using ClinicalAgent.Evaluation.Runners;
using ClinicalAgent.Evaluation.Tasks;
using ClinicalAgent.Fhir.Synthetic;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Imaging;
using ClinicalAgent.Tools.MedAgentBenchV2;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Cli.Commands;

/// <summary>
/// <c>bench run</c>: an agent over a task file into a run folder, with a progress bar; resumable (finished tasks are
/// skipped); one result file per task with its trace. Agents: <c>model</c> (our runtime and typed tools),
/// <c>oracle</c>, <c>nothing</c>; <c>--protocol medagentbench</c> runs the model on the original text protocol, and
/// <c>--toolset medagentbench-v2</c> gives the model (or the oracle, <c>oracle-v2</c>) MedAgentBench v2's typed tools.
/// </summary>
public static class BenchRunCommand
{
    public static Command Create(CliContext context)
    {
        var modelOptions = new ModelOptionSet();
        var tasks = new Option<string>("--tasks") { Description = "The task file (bench generate --out).", Required = true };
        var fhirBase = new Option<string?>("--fhir-base") { Description = "A FHIR server's base URL instead of the --db store (e.g. http://localhost:8080/fhir/)." };
        var agent = new Option<string>("--agent") { Description = "model, oracle, nothing, oracle-official (MedAgentBench's text protocol to --fhir-base with payloads exactly as its official graders expect) or oracle-v2 (the same decisions through MedAgentBench v2's typed tools).", DefaultValueFactory = _ => "model" };
        var protocol = new Option<string?>("--protocol") { Description = "medagentbench: the model speaks the original GET/POST/FINISH text protocol to --fhir-base." };
        var toolset = new Option<string?>("--toolset") { Description = "medagentbench-v2: the model (and oracle) get MedAgentBench v2's typed tools (patient_search, observation_search, …, finish) instead of ours." };
        var concurrency = new Option<int>("--concurrency") { Description = "Tasks run at once.", DefaultValueFactory = _ => 1 };
        var maxSteps = new Option<int>("--max-steps") { Description = "Most model calls (rounds) per task.", DefaultValueFactory = _ => 8 };
        var requireTool = new Option<bool>("--require-tool") { Description = "Make the model's first reply a tool call (model agent)." };
        var output = new Option<string>("--out") { Description = "The run folder; a rerun into it skips finished tasks.", Required = true };
        var grader = new Option<string?>("--grader")
        {
            Description = "Grading profile: clinicalagent (ours, stated conventions), official (MedAgentBench's graders reproduced; the only one set beside the published numbers) or both. Default: official for a task file of the official profile, else clinicalagent.",
        };
        var repeats = new Option<int>("--repeats") { Description = "Run every task this many times, repeat r sampling with seed + r − 1 (folders repeat-1 … repeat-k); reports show pass@1 and pass^k.", DefaultValueFactory = _ => 1 };
        var command = new Command("run", "Run an agent over benchmark tasks; writes one graded result per task.")
        {
            tasks, fhirBase, agent, protocol, concurrency, maxSteps, requireTool, output, repeats,
        };
        command.Options.Add(grader);
        command.Options.Add(toolset);
        modelOptions.AddTo(command);
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            var taskList = TaskFile.Read(parse.GetValue(tasks)!);
            var agentName = parse.GetValue(agent)!.Trim().ToLowerInvariant();
            var protocolName = parse.GetValue(protocol)?.Trim().ToLowerInvariant();
            var v2 = parse.GetValue(toolset)?.Trim().ToLowerInvariant() switch
            {
                null or "clinicalagent" => false,
                MedAgentBenchV2Tools.ToolsetName => true,
                var other => throw new ArgumentException($"--toolset '{other}' is not known; they are: clinicalagent (default), {MedAgentBenchV2Tools.ToolsetName}."),
            };
            // The oracle with the v2 toolset is the v2 oracle.
            if (agentName == V2OracleAgent.AgentName || (v2 && agentName == "oracle"))
                (agentName, v2) = (V2OracleAgent.AgentName, true);
            if (v2 && protocolName is not null)
                throw new ArgumentException("--toolset medagentbench-v2 and --protocol medagentbench are two ways to talk to the record: choose one.");
            // A task set written for the official graders is graded by them unless the user asks otherwise.
            var profiles = GradingProfiles.Parse(parse.GetValue(grader)
                ?? (taskList.Count > 0 && taskList.All(t => t.Profile == TaskProfiles.Official) ? GradingProfiles.Name(GradingProfile.Official) : null));
            var parallel = parse.GetValue(concurrency);
            if (parallel < 1)
                throw new ArgumentException("--concurrency must be at least 1.");
            var repeatCount = parse.GetValue(repeats);
            if (repeatCount < 1)
                throw new ArgumentException("--repeats must be at least 1.");
            if (agentName is not ("model" or "oracle" or "nothing" or OfficialOracleAgent.AgentName or V2OracleAgent.AgentName))
                throw new ArgumentException($"--agent '{agentName}' is not one of model, oracle, nothing, {OfficialOracleAgent.AgentName}, {V2OracleAgent.AgentName}.");
            if (protocolName is not (null or "medagentbench"))
                throw new ArgumentException($"--protocol '{protocolName}' is not known; the one there is: medagentbench.");
            // --fhir-base is bench's older spelling of the root --fhir; either names the server.
            var baseUrl = (parse.GetValue(fhirBase) ?? parse.GetValue(context.FhirOption)) is { Length: > 0 } text
                ? Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : throw new ArgumentException($"--fhir-base '{text}' is not an absolute URL.")
                : null;
            if (protocolName is not null && baseUrl is null)
                throw new ArgumentException("--protocol medagentbench needs --fhir-base URL (serve a store with 'clinicalagent fhir serve').");
            if (agentName == OfficialOracleAgent.AgentName && baseUrl is null)
                throw new ArgumentException($"--agent {OfficialOracleAgent.AgentName} speaks MedAgentBench's text protocol: pass --fhir-base URL (serve a store with 'clinicalagent fhir serve').");

            if (baseUrl is null && !File.Exists(context.DatabasePath(parse)))
                throw new ArgumentException($"No FHIR store at {context.DatabasePath(parse)}: the tasks were generated over a store; pass its --db, or --fhir-base URL.");

            var needsModel = agentName == "model" || (protocolName is not null && agentName != OfficialOracleAgent.AgentName);
            // One model serves every worker: MaxConversations lets that many requests share its context at once.
            IEnumerable<KeyValuePair<string, string?>> settings = needsModel
                ? [.. modelOptions.Settings(parse), new("Model:MaxConversations", parallel.ToString(CultureInfo.InvariantCulture))]
                : [];
            if (baseUrl is not null)
                settings = settings.Append(new("Fhir:BaseUrl", baseUrl.AbsoluteUri));
            await using var host = context.BuildHost(parse, settings);
            var client = needsModel ? host.ChatClient() : null;
            var gateway = await host.OpenRecordsAsync(seedIfMissing: false, cancellationToken).ConfigureAwait(false);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            if (taskList.Any(t => t.Expected is null))
            {
                // MedAgentBench's own task file: expected outcomes come from the server it runs against, as its graders do.
                var deriver = new ExpectationDeriver(gateway);
                var derived = new List<BenchTask>(taskList.Count);
                foreach (var task in taskList)
                    derived.Add(await deriver.DeriveAsync(task, cancellationToken).ConfigureAwait(false));
                await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"Computed the expected outcome of {taskList.Count(t => t.Expected is null)} tasks from the {host.RecordsName} (lab codes MG, GLU, K, A1C).")).ConfigureAwait(false);
                taskList = derived;
            }

            // The image categories' ground truth is a setting of the embedded store the tasks were generated over.
            var imageTruth = gateway is IEmbeddedFhirStore embedded
                ? ImageTruth.Parse(await embedded.GetSettingAsync(SyntheticImageFindings.Setting, cancellationToken).ConfigureAwait(false))
                : [];
            // Sent with every request and recorded in run.json, so bench explain replays with the same sampling.
            var sampling = BenchSampling.Configured(host.Configuration);
            // Each repeat samples with its own seed; the oracle and the do-nothing agent ignore it.
            IBenchAgent AgentFor(uint seed) => agentName switch
            {
                OfficialOracleAgent.AgentName => new OfficialOracleAgent(http, baseUrl!),
                V2OracleAgent.AgentName => new V2OracleAgent(gateway),
                "model" when v2 => new AgentPool([.. Enumerable.Range(0, parallel).Select(_ => new V2ToolsetAgent(gateway, client!,
                    new AgentRunOptions { MaxSteps = parse.GetValue(maxSteps), RequireToolFirst = parse.GetValue(requireTool), ChatOptions = sampling.Options(seed) }))]),
                _ when protocolName is not null => new AgentPool([.. Enumerable.Range(0, parallel).Select(_ => new ProtocolAgent(http, baseUrl!, client!, parse.GetValue(maxSteps),
                    chatOptions: sampling.Options(seed)))]),
                "oracle" => new OracleAgent(gateway, imageTruth),
                "nothing" => new NothingAgent(gateway),
                _ => new AgentPool([.. Enumerable.Range(0, parallel).Select(_ => new ModelAgent(gateway, client!,
                    new AgentRunOptions { MaxSteps = parse.GetValue(maxSteps), RequireToolFirst = parse.GetValue(requireTool), ChatOptions = sampling.Options(seed) },
                    classifier: host.Services.GetService<IZeroShotImageClassifier>()))]),
            };
            var baseSeed = uint.TryParse(host.Configuration[$"{LocalModelOptions.SectionName}:Seed"], NumberStyles.None, CultureInfo.InvariantCulture, out var configured)
                ? configured : new LocalModelOptions().Seed;
            var runAgent = AgentFor(baseSeed);
            // Failure analysis compares tool calls with the oracle's; protocol runs make HTTP requests instead, and the v2
            // oracle knows MedAgentBench's ten categories only.
            IBenchAgent? reference = protocolName is not null || agentName is "oracle" or OfficialOracleAgent.AgentName or V2OracleAgent.AgentName ? null
                : v2 ? (taskList.All(t => t.Category <= 10) ? new V2OracleAgent(gateway) : null) : new OracleAgent(gateway, imageTruth);
            var folder = parse.GetValue(output)!;
            var unsampled = new RunManifest(runAgent.Name, needsModel ? host.ModelName : null, Path.GetFullPath(parse.GetValue(tasks)!),
                baseUrl?.AbsoluteUri ?? context.DatabasePath(parse), parallel, DateTimeOffset.UtcNow)
            {
                Grader = GradingProfiles.Describe(profiles),
                // What bench explain needs to recreate the same agent.
                ModelPath = needsModel ? host.Configuration["Model:ModelPath"] : null,
                MaxSteps = parse.GetValue(maxSteps),
                RequireToolFirst = parse.GetValue(requireTool),
            };
            var manifest = needsModel ? sampling.Record(unsampled) : unsampled;
            var runner = new RepeatedBenchRunner(seed => seed == baseSeed ? runAgent : AgentFor(seed), folder, repeatCount, baseSeed, parallel, reference)
            {
                // The official graders read the store the run used, and compare POST URLs with the base the model was given.
                Graders = [.. profiles.Select(p => p == GradingProfile.Official
                    ? (ITaskGrader)new OfficialGrader(gateway, baseUrl?.AbsoluteUri ?? OfficialTexts.FhirBase)
                    : new ClinicalAgentGrader())],
            };
            var summaries = await ProgressReporter.RunCountAsync(context.Error, $"bench {runAgent.Name}",
                progress => runner.RunAsync(taskList, manifest, progress, cancellationToken)).ConfigureAwait(false);

            for (var r = 0; r < summaries.Count; r++)
            {
                var summary = summaries[r];
                var prefix = summaries.Count == 1 ? "" : string.Create(CultureInfo.InvariantCulture, $"repeat {r + 1} (seed {RepeatFolders.Seed(baseSeed, r + 1)}): ");
                await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{prefix}{runAgent.Name}: ran {summary.Ran} tasks ({summary.Passed} passed, {summary.Errors} errors), skipped {summary.Skipped} already finished, of {summary.Total}; graded {summary.Grader}.")).ConfigureAwait(false);
                if (summary.PassedByProfile.Count > 1)
                {
                    await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"{prefix}Passed by profile: {string.Join(", ", summary.PassedByProfile.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"))} of {summary.Ran}.")).ConfigureAwait(false);
                }
            }

            var results = repeatCount == 1 ? ResultFiles.ResultsFolder(folder) : Path.Combine(folder, "repeat-*", "results");
            await context.Output.WriteLineAsync($"Results in {Path.GetFullPath(results)}; report with: clinicalagent bench report {folder}").ConfigureAwait(false);

            return 0;
        }));
        return command;
    }
}
