using System.CommandLine;
using System.Globalization;
using ClinicalAgent.Agent.Loop;
using ClinicalAgent.Agent.Runtime.Local;
using ClinicalAgent.Cli.Hosting;
using ClinicalAgent.Evaluation.Explaining;
using ClinicalAgent.Evaluation.Grading;
using ClinicalAgent.Evaluation.Grading.Official;
using ClinicalAgent.Evaluation.Runners;
using ClinicalAgent.Evaluation.Tasks;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Fhir.Synthetic;
using ClinicalAgent.Imaging;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Cli.Commands;

/// <summary>
/// <c>bench explain RUN</c>: counterfactual replay of a model run's failed tasks (<see cref="CounterfactualExplainer"/>)
/// with the run's own agent, recreated from <c>run.json</c> (model, seed, step limit, store, grader); writes
/// <c>explain.json</c> and <c>explain.md</c> into the run folder and prints the summary.
/// </summary>
public static class BenchExplainCommand
{
    public static Command Create(CliContext context)
    {
        var modelOptions = new ModelOptionSet();
        var run = new Argument<string>("run") { Description = "A run folder of the model agent (bench run --out); for a repeated run, one of its repeat-N folders." };
        var budget = new Option<int>("--budget") { Description = "Replays per failed task, departures tried earliest first.", DefaultValueFactory = _ => 5 };
        var maxTasks = new Option<int?>("--max-tasks") { Description = "Explain at most this many failed tasks, in the run's order (default: all)." };
        var tasks = new Option<string?>("--tasks") { Description = "The run's task file, where it has moved since the run (default: the one run.json names)." };
        var command = new Command("explain", "Find the decisive step of each failed task by counterfactual replay: substitute the oracle's decision, let the agent continue, grade again.")
        {
            run, budget, maxTasks, tasks,
        };
        modelOptions.AddTo(command);
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            var folder = parse.GetValue(run)!;
            var replays = parse.GetValue(budget);
            if (replays < 1)
                throw new ArgumentException("--budget must be at least 1.");
            if (parse.GetValue(maxTasks) is < 1)
                throw new ArgumentException("--max-tasks must be at least 1.");
            var manifest = Manifest(folder);
            var results = ResultFiles.ReadAll(folder);
            var taskFile = parse.GetValue(tasks) ?? manifest.Tasks;
            if (!File.Exists(taskFile))
                throw new ArgumentException($"The run's task file {taskFile} is gone: pass --tasks FILE.");
            var taskList = TaskFile.Read(taskFile);
            var db = parse.GetValue(context.DatabaseOption) is { Length: > 0 } given ? Path.GetFullPath(given) : manifest.Fhir;
            if (!File.Exists(db))
                throw new ArgumentException($"The run's FHIR store {db} is gone: pass --db PATH to the same store.");

            // The run's model and seed unless the command line says otherwise; the names must still match.
            // (--db is already one of the root options' settings; a key may be given once.)
            var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            if (parse.GetValue(context.DatabaseOption) is not { Length: > 0 })
                settings["Fhir:Database"] = db;
            if (manifest.ModelPath is { Length: > 0 } modelPath)
                settings[$"{LocalModelOptions.SectionName}:ModelPath"] = modelPath;
            if (manifest.Seed is { } runSeed)
                settings[$"{LocalModelOptions.SectionName}:Seed"] = runSeed.ToString(CultureInfo.InvariantCulture);
            foreach (var (key, value) in modelOptions.Settings(parse))
                settings[key] = value;
            await using var host = context.BuildHost(parse, settings);
            if (host.ModelName != manifest.Model)
                throw new ArgumentException($"The run used model '{manifest.Model}', but this would replay with '{host.ModelName}': pass --model PATH to the run's model.");
            var client = host.ChatClient();
            var gateway = await host.OpenRecordsAsync(seedIfMissing: false, cancellationToken).ConfigureAwait(false);
            var imageTruth = gateway is IEmbeddedFhirStore embedded
                ? ImageTruth.Parse(await embedded.GetSettingAsync(SyntheticImageFindings.Setting, cancellationToken).ConfigureAwait(false))
                : [];
            var seed = uint.Parse(host.Configuration[$"{LocalModelOptions.SectionName}:Seed"] ?? new LocalModelOptions().Seed.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            var (chatOptions, sampling) = Sampling(manifest, seed, host.Configuration, BenchSampling.Given(modelOptions.Settings(parse)));
            var options = new AgentRunOptions { MaxSteps = manifest.MaxSteps ?? 8, RequireToolFirst = manifest.RequireToolFirst ?? false, ChatOptions = chatOptions };
            var classifier = host.Services.GetService<IZeroShotImageClassifier>();
            // The grader that decided the run's verdicts: the first of its profiles.
            var grader = GradingProfiles.Parse(manifest.Grader)[0] == GradingProfile.Official
                ? (ITaskGrader)new OfficialGrader(gateway, OfficialTexts.FhirBase)
                : new ClinicalAgentGrader();
            var explainer = new CounterfactualExplainer(client, replay => new ModelAgent(gateway, replay, options, manifest.Agent, classifier),
                new OracleAgent(gateway, imageTruth), grader, replays);

            var explained = await ProgressReporter.RunCountAsync(context.Error, "explain",
                progress => explainer.ExplainAsync(results, taskList, parse.GetValue(maxTasks), progress, cancellationToken)).ConfigureAwait(false);
            var report = new ExplainReport(manifest.Agent, manifest.Model, replays, results.Count(r => !r.Passed), explained) { Sampling = sampling };
            ExplainFiles.Write(folder, report);
            await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Explained {report.Tasks.Count} of {report.Failed} failed tasks ({report.Budget} replays at most each).")).ConfigureAwait(false);
            foreach (var category in report.Categories)
            {
                var kinds = string.Join(", ", category.ByDecision.Select(k => $"{DecisionKind.Label(k.Key)} {k.Value}").DefaultIfEmpty("none"));
                await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  category {category.Category}: {category.Explained} explained; decisive: {kinds}; not attributable {category.NotAttributable}; hint agrees {category.HintAgrees} of {category.Attributable}")).ConfigureAwait(false);
            }

            await context.Output.WriteLineAsync(ExplainMarkdown.Summary(report)).ConfigureAwait(false);
            await context.Output.WriteLineAsync("Sampling: " + sampling).ConfigureAwait(false);
            await context.Output.WriteLineAsync($"Written {Path.GetFullPath(ExplainFiles.MarkdownPath(folder))} and explain.json.").ConfigureAwait(false);
            return 0;
        }));
        return command;
    }

    /// <summary>
    /// The replay's request options and the sentence explain.md says about them: the run's recorded sampling; the
    /// temperature <c>--temperature</c> gives over it; for a folder written before sampling was recorded, the configured
    /// one, sent as the run sent it (the seed only, so the runtime's or server's defaults apply).
    /// </summary>
    private static (ChatOptions Options, string Described) Sampling(RunManifest manifest, uint seed, Microsoft.Extensions.Configuration.IConfiguration configuration, bool temperatureGiven)
    {
        var configured = BenchSampling.Configured(configuration);
        if (BenchSampling.Recorded(manifest) is not { } recorded)
        {
            var said = temperatureGiven ? $"temperature {configured.Temperature.ToString("0.###", CultureInfo.InvariantCulture)} from --temperature"
                : ApplicationConfiguration.IsLocalModel(configuration) ? $"the configured {configured}" : "the server's defaults";
            return (new ChatOptions { Seed = seed, Temperature = temperatureGiven ? configured.Temperature : null },
                $"run.json records no sampling settings (written before they were recorded): replayed with {said}, seed {seed}, which may differ from the run's.");
        }

        if (temperatureGiven)
        {
            var changed = recorded with { Temperature = configured.Temperature };
            return (changed.Options(seed), $"{changed}, seed {seed}: --temperature overrides the run's recorded {recorded.Temperature.ToString("0.###", CultureInfo.InvariantCulture)}.");
        }

        return (recorded.Options(seed), $"{recorded}, seed {seed}, as run.json recorded.");
    }

    /// <summary>The run's manifest, or a short error saying why the folder cannot be explained.</summary>
    private static RunManifest Manifest(string folder)
    {
        if (!Directory.Exists(folder))
            throw new ArgumentException($"No run folder at {Path.GetFullPath(folder)}.");
        if (!File.Exists(ResultFiles.ManifestPath(folder)))
            throw new ArgumentException($"{Path.GetFullPath(folder)} is not a run folder: it has no run.json.");
        var manifest = RepeatFolders.Manifest(folder)
            ?? throw new ArgumentException($"{Path.GetFullPath(folder)}: run.json is empty.");
        if (manifest.Repeats is > 1)
            throw new ArgumentException($"{Path.GetFullPath(folder)} holds {manifest.Repeats} repeats: explain one of them, e.g. {Path.Combine(folder, "repeat-1")}.");
        if (manifest.Agent != "model")
            throw new ArgumentException($"{Path.GetFullPath(folder)} holds a run of agent '{manifest.Agent}': bench explain replays model runs of the typed tools.");
        if (manifest.Fhir.StartsWith("http", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"The run read the FHIR server {manifest.Fhir}: bench explain replays runs over the embedded store.");
        return manifest;
    }
}
