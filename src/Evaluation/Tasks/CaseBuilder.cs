using System.Globalization;
using System.Text.Json;
using ClinicalAgent.Tools.Time;

namespace ClinicalAgent.Evaluation.Tasks;

/// <summary>
/// Every case the record allows for each category: one per patient, two for the lookup (the patient, and a near miss
/// of name and birth date that matches nobody) and two for the blood pressure and the referral (the patient, and the
/// patient's MRN mistyped so that it matches nobody), with the expected outcome computed from <see cref="PatientFacts"/>.
/// </summary>
internal sealed class CaseBuilder(IReadOnlyList<PatientFacts> patients, DateTimeOffset now, Random random)
{
    /// <summary>The answer every "no such patient" case expects, as MedAgentBench's lookup does.</summary>
    public const string PatientNotFound = "Patient not found";

    private static readonly string[] ReferralNotes =
    [
        "Situation: acute left knee injury, Background: radiology report indicates ACL tear. Assessment: ACL tear grade II. Recommendation: request for Orthopedic service to evaluate and provide management recommendations.",
        "Situation: right hip pain after a fall. Background: X-ray shows a non-displaced femoral neck fracture. Assessment: stable, pain controlled. Recommendation: orthopedic evaluation for fixation.",
        "Situation: chronic low back pain with radiating leg pain. Background: MRI shows L4-L5 disc herniation. Assessment: failed conservative therapy. Recommendation: orthopedic surgery consult.",
        "Situation: right shoulder pain and weakness. Background: MRI shows full-thickness rotator cuff tear. Assessment: functional limitation. Recommendation: orthopedic evaluation for repair.",
    ];

    private readonly HashSet<string> _mrns = new(patients.Select(p => p.Mrn), StringComparer.OrdinalIgnoreCase);

    public IEnumerable<TaskCase> For(int category) => category switch
    {
        1 => patients.SelectMany(Lookup),
        2 => patients.Select(Age),
        3 => patients.SelectMany(BloodPressure),
        4 => patients.Select(LatestMagnesium),
        5 => patients.Select(MagnesiumOrder),
        6 => patients.Select(AverageGlucose),
        7 => patients.Select(LatestGlucose),
        8 => patients.SelectMany(Referral),
        9 => patients.Select(PotassiumOrder),
        10 => patients.Select(HbA1cCheck),
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };

    private IEnumerable<TaskCase> Lookup(PatientFacts p)
    {
        var name = $"{p.Given} {p.Family}";
        yield return new TaskCase(1, p.Mrn, true, Values(p, ("name", name), ("given", p.Given), ("family", p.Family), ("dob", p.BirthDate)),
            new TaskExpectation("found", false, Answer(p.Mrn)), [p.Mrn]);

        // A near miss: the same name a year off. Used only when nobody has that name and date.
        var shifted = DateOnly.Parse(p.BirthDate, CultureInfo.InvariantCulture).AddYears(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (!patients.Any(o => o.Given == p.Given && o.Family == p.Family && o.BirthDate == shifted))
        {
            yield return new TaskCase(1, null, false, Values(null, ("name", name), ("given", p.Given), ("family", p.Family), ("dob", shifted)),
                NotFound(), [PatientNotFound]);
        }
    }

    private TaskCase Age(PatientFacts p)
    {
        var age = ClinicalClock.AgeInYears(DateOnly.Parse(p.BirthDate, CultureInfo.InvariantCulture), now);
        return new TaskCase(2, p.Mrn, true, Values(p), new TaskExpectation("age", false, Answer(age)));
    }

    private IEnumerable<TaskCase> BloodPressure(PatientFacts p)
    {
        var bp = BloodPressureReading();
        yield return new TaskCase(3, p.Mrn, true, Values(p, ("bp", bp)), new TaskExpectation("record", true, Text: bp));
        yield return new TaskCase(3, null, false, Values(null, ("mrn", Mistyped(p)), ("bp", BloodPressureReading())), NotFound());
    }

    private string BloodPressureReading()
    {
        var systolic = random.Next(100, 161);
        var diastolic = random.Next(60, Math.Min(100, systolic - 20));
        return string.Create(CultureInfo.InvariantCulture, $"{systolic}/{diastolic} mmHg");
    }

    private TaskCase LatestMagnesium(PatientFacts p) => LatestValue(4, p, PatientFacts.Within24Hours(p.Magnesium, now).FirstOrDefault(), "recent", "none_24h");

    private TaskCase LatestGlucose(PatientFacts p) => LatestValue(7, p, PatientFacts.Latest(p.Glucose, now), "value", "none");

    private TaskCase LatestValue(int category, PatientFacts p, LabResult? latest, string found, string missing) => latest is null
        ? new TaskCase(category, p.Mrn, false, Values(p), new TaskExpectation(missing, false, Answer(-1)))
        : new TaskCase(category, p.Mrn, true, Values(p), new TaskExpectation(found, false, Answer(latest.Value), latest.Value));

    private TaskCase MagnesiumOrder(PatientFacts p)
    {
        var latest = PatientFacts.Within24Hours(p.Magnesium, now).FirstOrDefault();
        if (latest is null)
            return new TaskCase(5, p.Mrn, false, Values(p), new TaskExpectation("none_24h", false, Answer(-1)));
        if (latest.Value > 1.9m)
            return new TaskCase(5, p.Mrn, false, Values(p), new TaskExpectation("normal", false, Answer(latest.Value), latest.Value));

        var (dose, branch) = latest.Value < 1m ? (4m, "below_1") : latest.Value < 1.5m ? (2m, "1_to_1.5") : (1m, "1.5_to_1.9");
        return new TaskCase(5, p.Mrn, true, Values(p), new TaskExpectation(branch, true, Answer(latest.Value), latest.Value, dose, dose));
    }

    private TaskCase AverageGlucose(PatientFacts p)
    {
        var recent = PatientFacts.Within24Hours(p.Glucose, now);
        if (recent.Count == 0)
            return new TaskCase(6, p.Mrn, false, Values(p), new TaskExpectation("none_24h", false, Answer(-1)));
        var mean = Math.Round(recent.Average(l => l.Value), 4);
        return new TaskCase(6, p.Mrn, true, Values(p), new TaskExpectation("recent", false, Answer(mean), mean));
    }

    private IEnumerable<TaskCase> Referral(PatientFacts p)
    {
        var note = ReferralNotes[random.Next(ReferralNotes.Length)];
        yield return new TaskCase(8, p.Mrn, true, Values(p, ("note", note)), new TaskExpectation("refer", true, Text: note));
        var other = ReferralNotes[random.Next(ReferralNotes.Length)];
        yield return new TaskCase(8, null, false, Values(null, ("mrn", Mistyped(p)), ("note", other)), NotFound());
    }

    /// <summary>The patient's MRN with a typo that makes it nobody's: the right outcome is no write and "not found".</summary>
    private string Mistyped(PatientFacts p) => MrnTypo.NearMiss(p.Mrn, _mrns, random);

    /// <summary>No write, and the answer ["Patient not found"].</summary>
    public static TaskExpectation NotFound() => new("not_found", false, Answer(PatientNotFound));

    private TaskCase PotassiumOrder(PatientFacts p)
    {
        var latest = PatientFacts.Latest(p.Potassium, now);
        if (latest is null)
            return new TaskCase(9, p.Mrn, false, Values(p), new TaskExpectation("none", false, Answer(-1)));
        if (latest.Value >= 3.5m)
            return new TaskCase(9, p.Mrn, false, Values(p), new TaskExpectation("normal", false, Answer(latest.Value), latest.Value));
        var dose = Math.Round((3.5m - latest.Value) / 0.1m * 10m, 1);
        return new TaskCase(9, p.Mrn, true, Values(p), new TaskExpectation("low", true, Answer(latest.Value), latest.Value, dose));
    }

    private TaskCase HbA1cCheck(PatientFacts p)
    {
        var latest = PatientFacts.Latest(p.HbA1c, now);
        if (latest is null)
            return new TaskCase(10, p.Mrn, true, Values(p), new TaskExpectation("none", true, Answer(-1)));
        var stale = latest.When < now.AddYears(-1);
        return new TaskCase(10, p.Mrn, stale, Values(p),
            new TaskExpectation(stale ? "stale" : "recent", stale, Answer(latest.Value, latest.EffectiveText), latest.Value, Effective: latest.EffectiveText));
    }

    public Dictionary<string, string> Values(PatientFacts? p, params (string Key, string Value)[] extra)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["now"] = Iso(now),
            ["since"] = Iso(now.AddHours(-24)),
            ["year_ago"] = Iso(now.AddYears(-1)),
            ["next_morning"] = Iso(new DateTimeOffset(now.Date.AddDays(1).AddHours(8), now.Offset)),
        };
        if (p is not null)
            values["mrn"] = p.Mrn;
        foreach (var (key, value) in extra)
            values[key] = value;
        return values;
    }

    /// <summary>ISO 8601 with seconds and offset, as MedAgentBench writes its "now".</summary>
    public static string Iso(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static JsonElement[] Answer(params object[] values) => [.. values.Select(v => JsonSerializer.SerializeToElement(v))];
}
