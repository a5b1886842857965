using ClinicalAgent.Evaluation.Grading.Official;

namespace ClinicalAgent.Evaluation.Tasks;

/// <summary>
/// The cases of the <see cref="TaskProfiles.Official"/> profile: MedAgentBench's official graders hard-code the blood
/// pressure of category 3 and the referral text of category 8 and require exactly one POST there (they have no
/// "patient not found" branch), so those two categories get one case per patient with the benchmark's own values; the
/// other categories' cases are the ones <see cref="CaseBuilder"/> derives from the record.
/// </summary>
internal sealed class OfficialCaseBuilder(IReadOnlyList<PatientFacts> patients, DateTimeOffset now, Random random)
{
    private readonly CaseBuilder _record = new(patients, now, random);

    public IEnumerable<TaskCase> For(int category) => category switch
    {
        3 => patients.Select(p => Write(3, p, "bp", OfficialTexts.BloodPressure, "record")),
        8 => patients.Select(p => Write(8, p, "note", OfficialTexts.ReferralNote, "refer")),
        _ => _record.For(category),
    };

    private TaskCase Write(int category, PatientFacts p, string key, string text, string branch) =>
        new(category, p.Mrn, true, _record.Values(p, (key, text)), new TaskExpectation(branch, true, Text: text));
}
