using ClinicalAgent.Agent.Runtime.Prompting;
using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Synthetic;

namespace ClinicalAgent.Evaluation.Tasks;

/// <summary>
/// Builds a MedAgentBench-format task set over the patients of a FHIR store: for each of the ten categories,
/// <c>perCategory</c> tasks, half with an action (or a found value) as the right outcome and half without, when the
/// record has enough of each; with the generated images' ground truth, the two image categories too. The same store,
/// seed and now give byte-identical tasks. With <paramref name="profile"/> <see cref="TaskProfiles.Official"/>, the tasks are in
/// MedAgentBench's own form for its official graders (<see cref="OfficialCaseBuilder"/>, the <c>bench-task-official-*</c>
/// prompts, no image categories), each marked with its profile.
/// </summary>
public sealed class TaskGenerator(IFhirGateway gateway, string profile = TaskProfiles.ClinicalAgent)
{
    /// <summary>Free-text record questions to add (category <see cref="TaskCategory.FreeText"/>, <see cref="FreeTextQuestions"/>);
    /// 0, the default, leaves the task set as it was.</summary>
    public int FreeText { get; init; }

    /// <summary>Reads the record and builds the tasks.</summary>
    /// <param name="perCategory">Tasks per category.</param>
    /// <param name="seed">Seeds the choice of patients and of the values an instruction gives.</param>
    /// <param name="now">The frozen clinical present the tasks are asked at.</param>
    /// <param name="imageTruth">The generated images' ground truth (<see cref="SyntheticImageFindings.Setting"/>); the image
    /// categories are left out when it is empty.</param>
    /// <param name="cancellationToken">Cancels the searches.</param>
    /// <exception cref="InvalidOperationException">The store has no patients.</exception>
    public async Task<GeneratedTasks> GenerateAsync(int perCategory, int seed, DateTimeOffset now, IReadOnlyList<SyntheticImageFinding>? imageTruth = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perCategory, 1);
        var official = profile == TaskProfiles.Official;
        if (official)
            now = await OfficialTaskChecks.CheckAsync(gateway, now, cancellationToken).ConfigureAwait(false);
        else if (profile != TaskProfiles.ClinicalAgent)
            throw new ArgumentException($"Task profile '{profile}' is not one of {string.Join(", ", TaskProfiles.All)}.", nameof(profile));
        var patients = await new PatientFactsReader(gateway).ReadAllAsync(cancellationToken).ConfigureAwait(false);
        if (patients.Count == 0)
            throw new InvalidOperationException("The store has no patients to build tasks from; seed it first ('clinicalagent fhir seed').");

        var tasks = new List<BenchTask>();
        var balance = new List<CategoryBalance>();
        // The official graders know only MedAgentBench's ten categories.
        var lastCategory = imageTruth is { Count: > 0 } && !official ? TaskCategory.LesionLabel : TaskCategory.LastMedAgentBench;
        for (var category = 1; category <= lastCategory; category++)
        {
            // One generator per category, so changing one category's rules never reshuffles another's.
            var random = new Random(unchecked((seed * 31) + category) & 0x7fffffff);
            var cases = TaskCategory.IsImage(category)
                ? new ImageCaseBuilder(imageTruth!, now, random).For(category)
                : official ? new OfficialCaseBuilder(patients, now, random).For(category) : new CaseBuilder(patients, now, random).For(category);
            var chosen = Choose([.. cases], perCategory, random);
            if (chosen.Count == 0)
                continue;
            for (var i = 0; i < chosen.Count; i++)
                tasks.Add(ToTask(chosen[i], $"task{category}_{i + 1}", now, official));
            balance.Add(new CategoryBalance(category, chosen.Count(c => c.Positive), chosen.Count(c => !c.Positive),
                chosen.GroupBy(c => c.Expected.Branch).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count())));
        }

        if (FreeText > 0)
        {
            var questions = await new FreeTextQuestions(gateway).GenerateAsync(FreeText, seed, now, cancellationToken).ConfigureAwait(false);
            tasks.AddRange(questions);
            balance.Add(new CategoryBalance(TaskCategory.FreeText, questions.Count(q => !q.Expected!.Branch.EndsWith(":none", StringComparison.Ordinal)),
                questions.Count(q => q.Expected!.Branch.EndsWith(":none", StringComparison.Ordinal)),
                questions.GroupBy(q => q.Expected!.Branch).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count())));
        }

        return new GeneratedTasks(tasks, balance);
    }

    /// <summary>Half from each side when both are there; what one side lacks comes from the other.</summary>
    private static List<TaskCase> Choose(List<TaskCase> cases, int count, Random random)
    {
        var positive = Shuffle(cases.Where(c => c.Positive).ToList(), random);
        var negative = Shuffle(cases.Where(c => !c.Positive).ToList(), random);
        var fromNegative = Math.Min(negative.Count, count / 2);
        var fromPositive = Math.Min(positive.Count, count - fromNegative);
        fromNegative = Math.Min(negative.Count, count - fromPositive);
        return Shuffle([.. positive.Take(fromPositive), .. negative.Take(fromNegative)], random);
    }

    private static List<TaskCase> Shuffle(List<TaskCase> cases, Random random)
    {
        for (var i = cases.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (cases[i], cases[j]) = (cases[j], cases[i]);
        }

        return cases;
    }

    internal static BenchTask ToTask(TaskCase c, string id, DateTimeOffset now, bool official)
    {
        var prompt = official ? $"bench-task-official-{c.Category}" : $"bench-task-{c.Category}";
        var parts = PromptLibrary.Render(prompt, c.Values).Split("\n---\n", 2);
        if (parts.Length != 2)
            throw new InvalidOperationException($"Prompt {prompt} must hold the instruction, a line '---', then the context.");
        // Inputs are what the instruction says; a lookup's MRN is its answer, so it is not an input.
        var inputs = c.Values.Where(v => v.Key is not ("now" or "since" or "year_ago" or "next_morning") && !(c.Category == 1 && v.Key == "mrn"))
            .OrderBy(v => v.Key, StringComparer.Ordinal).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        var sol = c.Sol?.Select(s => System.Text.Json.JsonSerializer.SerializeToElement(s)).ToList();
        return new BenchTask(id, parts[0].Trim(), parts[1].Trim(), sol, c.Mrn, now, inputs, c.Expected, official ? TaskProfiles.Official : null);
    }
}
