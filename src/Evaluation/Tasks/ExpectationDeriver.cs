using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Tools.Time;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Evaluation.Tasks;

/// <summary>
/// Computes the expected outcome of a task that has none, such as one from MedAgentBench's own
/// <c>test_data_v2.json</c>, from the FHIR server it runs against: the same rules as generation, with the lab codes
/// that server uses (MedAgentBench's <c>MG</c>, <c>GLU</c>, <c>K</c>, <c>A1C</c> by default), the text the
/// instruction quotes (blood pressure, referral note; no <c>eval_MRN</c> means the instruction's MRN is nobody's), and
/// <c>sol</c> for lookups.
/// </summary>
public sealed partial class ExpectationDeriver(IFhirGateway gateway, IReadOnlyDictionary<string, string>? labCodes = null)
{
    /// <summary>MedAgentBench's lab codes, by our names.</summary>
    public static IReadOnlyDictionary<string, string> MedAgentBenchCodes { get; } =
        new Dictionary<string, string> { ["magnesium"] = "MG", ["glucose"] = "GLU", ["potassium"] = "K", ["hba1c"] = "A1C" };

    private readonly IReadOnlyDictionary<string, string> _codes = labCodes ?? MedAgentBenchCodes;

    /// <summary>The task with <see cref="BenchTask.Expected"/> filled in (unchanged when it has one).</summary>
    /// <exception cref="InvalidDataException">The task lacks what its category needs (an MRN, a quoted value, <c>sol</c>).</exception>
    public async Task<BenchTask> DeriveAsync(BenchTask task, CancellationToken cancellationToken = default)
    {
        if (task.Expected is not null)
            return task;
        var now = task.EffectiveNow;
        var mrn = task.EvalMrn;
        TaskExpectation expected = task.Category switch
        {
            1 => task.Sol is { Count: > 0 } sol
                ? new TaskExpectation(sol[0].GetString() == "Patient not found" ? "not_found" : "found", false, sol)
                : throw new InvalidDataException($"Task {task.Id}: a lookup needs 'sol'."),
            2 => new TaskExpectation("age", false, Answer(ClinicalClock.AgeInYears(await BirthDateAsync(Need(task), cancellationToken).ConfigureAwait(false), now))),
            // As in MedAgentBench's lookups, a task without eval_MRN names a patient who does not exist.
            3 or 8 when mrn is null => CaseBuilder.NotFound(),
            3 => new TaskExpectation("record", true, Text: Quoted(task, BloodPressure())),
            8 => new TaskExpectation("refer", true, Text: Quoted(task, LastQuote())),
            // What an image shows is nowhere in the FHIR record: only the generated task file carries it.
            TaskCategory.FreeText => throw new InvalidDataException(
                $"Task {task.Id}: a free-text question's reference answer is written at generation time; use the task file 'bench generate --free-text' wrote."),
            TaskCategory.ChestFinding or TaskCategory.LesionLabel => throw new InvalidDataException(
                $"Task {task.Id}: an image task's expected outcome comes from the generated images' ground truth, not from the server; use the task file 'bench generate' wrote."),
            _ => await FromLabsAsync(task, Need(task), now, cancellationToken).ConfigureAwait(false),
        };
        return task with { Expected = expected };
    }

    private async Task<TaskExpectation> FromLabsAsync(BenchTask task, string mrn, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lab = task.Category switch { 4 or 5 => "magnesium", 6 or 7 => "glucose", 9 => "potassium", _ => "hba1c" };
        var labs = await LabsAsync(mrn, _codes[lab], cancellationToken).ConfigureAwait(false);
        var facts = new PatientFacts(mrn, "", "", "",
            lab == "magnesium" ? labs : [], lab == "glucose" ? labs : [], lab == "potassium" ? labs : [], lab == "hba1c" ? labs : []);
        var cases = new CaseBuilder([facts], now, new Random(0)).For(task.Category).ToList();
        return cases[0].Expected;
    }

    private async Task<IReadOnlyList<LabResult>> LabsAsync(string mrn, string code, CancellationToken cancellationToken)
    {
        var labs = new List<LabResult>();
        Bundle? page = await gateway.SearchAsync("Observation", new SearchQuery([new("patient", mrn), new("code", code), new("_count", "5000")]), cancellationToken)
            .ConfigureAwait(false);
        while (page is not null)
        {
            foreach (var o in page.Entry.Select(e => e.Resource).OfType<Observation>())
            {
                if (o.Effective is FhirDateTime { Value: { } text } effective && o.Value is Quantity { Value: { } value })
                    labs.Add(new LabResult(effective.ToDateTimeOffset(TimeSpan.Zero), value, text));
            }

            page = await gateway.NextPageAsync(page, cancellationToken).ConfigureAwait(false);
        }

        return [.. labs.OrderByDescending(l => l.When)];
    }

    private async Task<DateOnly> BirthDateAsync(string mrn, CancellationToken cancellationToken)
    {
        var patient = (Patient)await gateway.ReadAsync("Patient", mrn, cancellationToken).ConfigureAwait(false);
        return DateOnly.TryParse(patient.BirthDate, CultureInfo.InvariantCulture, out var birth)
            ? birth
            : throw new InvalidDataException($"Patient/{mrn} has no birth date.");
    }

    private static string Need(BenchTask task) =>
        task.EvalMrn ?? throw new InvalidDataException($"Task {task.Id} has no eval_MRN.");

    private static string Quoted(BenchTask task, Regex pattern)
    {
        var match = pattern.Match(task.Instruction);
        return match.Success ? match.Groups[1].Value.Trim() : throw new InvalidDataException($"Task {task.Id}: the instruction quotes no value to write.");
    }

    private static JsonElement[] Answer(params object[] values) => [.. values.Select(v => JsonSerializer.SerializeToElement(v))];

    [GeneratedRegex(@"""(\d{2,3}/\d{2,3}\s*mmHg)""")]
    private static partial Regex BloodPressure();

    [GeneratedRegex(@"""([^""]+)""[^""]*$")]
    private static partial Regex LastQuote();
}
