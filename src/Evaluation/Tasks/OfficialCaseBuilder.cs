namespace ClinicalAgent.Evaluation.Tasks;

/// <summary>
/// The cases of the <see cref="TaskProfiles.Official"/> profile: MedAgentBench's official graders hard-code the blood
/// pressure of category 3 and the referral text of category 8 and require exactly one POST there (they have no
/// "patient not found" branch), so those two categories get one case per patient with the benchmark's own values; the
/// other categories' cases are the ones <see cref="CaseBuilder"/> derives from the record.
/// </summary>
internal sealed class OfficialCaseBuilder(IReadOnlyList<PatientFacts> patients, DateTimeOffset now, Random random)
{
    /// <summary>The reading every official category 3 task records (its grader compares valueString with it).</summary>
    public const string BloodPressure = "118/77 mmHg";

    /// <summary>The SBAR text every official category 8 task quotes (its grader looks for it in note.text).</summary>
    public const string ReferralNote =
        "Situation: acute left knee injury, Background: radiology report indicates ACL tear. Assessment: ACL tear grade II. "
        + "Recommendation: request for Orthopedic service to evaluate and provide management recommendations.";

    private readonly CaseBuilder _record = new(patients, now, random);

    public IEnumerable<TaskCase> For(int category) => category switch
    {
        3 => patients.Select(p => Write(3, p, "bp", BloodPressure, "record")),
        8 => patients.Select(p => Write(8, p, "note", ReferralNote, "refer")),
        _ => _record.For(category),
    };

    private TaskCase Write(int category, PatientFacts p, string key, string text, string branch) =>
        new(category, p.Mrn, true, _record.Values(p, (key, text)), new TaskExpectation(branch, true, Text: text));
}
