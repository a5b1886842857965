using System.CommandLine;
using System.Globalization;
using ClinicalAgent.Evaluation.Coverage;
using ClinicalAgent.Evaluation.Tasks;
using ClinicalAgent.Fhir.Synthetic;

namespace ClinicalAgent.Cli.Commands;

/// <summary>
/// <c>bench generate</c>: tasks for the ten categories over the store's patients, NOW frozen (the store's
/// <c>synthetic.now</c> or <c>--now</c>), action and no-action cases balanced; prints the balance.
/// </summary>
public static class BenchGenerateCommand
{
    public static Command Create(CliContext context)
    {
        var perCategory = new Option<int>("--per-category") { Description = "Tasks per category.", DefaultValueFactory = _ => 10 };
        var seed = new Option<int>("--seed") { Description = "Seeds the choice of patients and values; the same store, seed and now give byte-identical tasks.", DefaultValueFactory = _ => 1 };
        var now = new Option<string?>("--now") { Description = "The frozen clinical now (ISO 8601). Default: the store's synthetic.now." };
        var freeText = new Option<int>("--free-text") { Description = "Also write this many free-text record questions (category 13, graded by required facts and by 'bench judge'); 0 leaves the set as it is.", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--out") { Description = "The task file to write (a JSON array, MedAgentBench's format).", Required = true };
        var profile = new Option<string>("--profile")
        {
            Description = "clinicalagent: our own tasks (stated conventions, LOINC codes, not-found branches); official: MedAgentBench's own form for its official "
                + "graders (its context wording and lab codes MG/K/GLU/A1C, 118/77 mmHg, its SBAR text, no not-found branch in 3 and 8; "
                + "needs a store seeded with --style medagentbench at 2023-11-13T10:15:00+00:00).",
            DefaultValueFactory = _ => TaskProfiles.ClinicalAgent,
        };
        profile.AcceptOnlyFromAmong([.. TaskProfiles.All]);
        var cover = new Option<bool>("--cover")
        {
            Description = "Then add tasks for the least-visited coverage cells (other cases, NOW shifted, missing data, code variants) until coverage stops growing; see 'bench coverage'.",
        };
        var coverLimit = new Option<int>("--cover-limit") { Description = "The most tasks --cover adds.", DefaultValueFactory = _ => 200 };
        var command = new Command("generate", "Generate benchmark tasks for all 10 MedAgentBench categories over the store's patients.")
        {
            perCategory, seed, now, freeText, output, profile, cover, coverLimit,
        };
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            if (parse.GetValue(perCategory) < 1)
                throw new ArgumentException("--per-category must be at least 1.");
            if (parse.GetValue(freeText) < 0)
                throw new ArgumentException("--free-text must be 0 or more.");
            if (parse.GetValue(cover) && parse.GetValue(profile) == TaskProfiles.Official)
                throw new ArgumentException("--cover works on the clinicalagent profile only: the official graders hard-code NOW and the benchmark's codes, which the perturbations change.");
            if (parse.GetValue(coverLimit) < 0)
                throw new ArgumentException("--cover-limit must be 0 or more.");
            await using var host = context.BuildHost(parse);
            var store = await host.OpenEmbeddedAsync(seedIfMissing: true, cancellationToken).ConfigureAwait(false);
            var text = parse.GetValue(now) ?? await store.GetSettingAsync(Seeding.NowSetting, cancellationToken).ConfigureAwait(false)
                ?? throw new ArgumentException($"The store {store.DatabasePath} has no synthetic.now setting: pass --now (ISO 8601).");
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var frozen))
                throw new ArgumentException($"--now '{text}' is not an ISO 8601 date-time such as 2023-11-13T10:15:00Z.");

            var imageTruth = ImageTruth.Parse(await store.GetSettingAsync(SyntheticImageFindings.Setting, cancellationToken).ConfigureAwait(false));
            var generated = await new TaskGenerator(store, parse.GetValue(profile)!) { FreeText = parse.GetValue(freeText) }.GenerateAsync(parse.GetValue(perCategory), parse.GetValue(seed), frozen, imageTruth, cancellationToken).ConfigureAwait(false);
            var path = parse.GetValue(output)!;
            var written = generated.Tasks;
            CoverageExtension? extension = null;
            if (parse.GetValue(cover))
            {
                extension = await new CoverageGenerator(store) { Limit = parse.GetValue(coverLimit) }
                    .ExtendAsync(generated.Tasks, parse.GetValue(seed), frozen, cancellationToken).ConfigureAwait(false);
                written = extension.Tasks;
            }

            TaskFile.Write(written, path);

            await context.Output.WriteLineAsync("category                       action  no-action  branches").ConfigureAwait(false);
            foreach (var b in generated.Balance)
            {
                var branches = string.Join(", ", b.Branches.Select(p => $"{p.Key} {p.Value}"));
                await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{b.Category,2} {TaskCategory.Names[b.Category],-27} {b.Positive,6}  {b.Negative,9}  {branches}")).ConfigureAwait(false);
            }

            var writes = generated.Tasks.Count(t => t.Expected!.Action);
            var noWrites = generated.Tasks.Count(t => TaskCategory.IsAction(t.Category) && !t.Expected!.Action);
            await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Action categories: {writes} tasks call for writes, {noWrites} for none. (For questions, 'action' counts found values, 'no-action' the -1 / not-found cases.)")).ConfigureAwait(false);
            if (extension is not null)
            {
                var kinds = string.Join(", ", extension.Added.GroupBy(a => a.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));
                await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"Coverage: normalised entropy {extension.Before.NormalisedEntropy:0.000} -> {extension.After.NormalisedEntropy:0.000}, empty cells {extension.Before.Empty.Count} -> {extension.After.Empty.Count} of {extension.After.Cells.Count}; added {extension.Added.Count} tasks ({(kinds.Length == 0 ? "none" : kinds)}); {extension.FailedCheck} perturbations failed the oracle check and were dropped.")).ConfigureAwait(false);
            }

            await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Wrote {written.Count} {(parse.GetValue(profile) == TaskProfiles.Official ? "official-profile " : "")}tasks (now {frozen:o}) to {Path.GetFullPath(path)}.")).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }
}
