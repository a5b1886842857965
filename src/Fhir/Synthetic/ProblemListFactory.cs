using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>
/// Builds the problem list (Conditions) and the MedicationRequests that treat it. Each problem is charted at the
/// first encounter on or after its onset, and its medications are ordered there by that encounter's clinician.
/// </summary>
internal static class ProblemListFactory
{
    /// <summary>A medication order as charted, kept so notes can list what the patient takes at a given time.</summary>
    public sealed record Order(MedicationDefinition Medication, DateTimeOffset Authored, DateTimeOffset? Stopped);

    /// <summary>The encounter during which the problem began, else the first one after it, else the last one.</summary>
    public static Visit RecordedAt(Problem problem, IReadOnlyList<Visit> visits) =>
        visits.FirstOrDefault(v => v.Start <= problem.Onset && (v.End is null || v.End >= problem.Onset))
        ?? visits.FirstOrDefault(v => v.Start >= problem.Onset)
        ?? visits[^1];

    /// <summary>Charted when the encounter's notes are signed, and never before a lab that revealed the problem.</summary>
    public static DateTimeOffset RecordedDate(Problem problem, Visit recordedAt)
    {
        var charted = Charted(recordedAt);
        var afterOnset = problem.Onset.AddMinutes(30);
        return charted >= afterOnset ? charted : afterOnset;
    }

    public static Condition Condition(string id, string mrn, Problem problem, Visit recordedAt)
    {
        var resolved = problem.Resolved is not null;
        return new Condition
        {
            Id = id,
            ClinicalStatus = Codes.Concept(Codes.ConditionClinical, resolved ? "resolved" : "active", resolved ? "Resolved" : "Active"),
            VerificationStatus = Codes.Concept(Codes.ConditionVerification, "confirmed", "Confirmed"),
            Category = [Codes.Concept(Codes.ConditionCategory, "problem-list-item", "Problem List Item")],
            Code = Codes.Concept(Codes.Snomed, problem.Definition.Snomed, problem.Definition.Display),
            Subject = Codes.Ref("Patient", mrn),
            Encounter = Codes.Ref("Encounter", recordedAt.Id),
            Onset = ClinicTime.DateTime(problem.Onset),
            Abatement = problem.Resolved is { } end ? ClinicTime.DateTime(end) : null,
            RecordedDate = ClinicTime.Text(RecordedDate(problem, recordedAt)),
            Recorder = Codes.Ref("Practitioner", recordedAt.PractitionerId),
        };
    }

    /// <summary>
    /// The orders for one problem: each medication once, some renewed a year or more later (the old order
    /// stopped), all stopped when the problem resolved.
    /// </summary>
    public static IEnumerable<(Order Order, Visit Visit)> Orders(
        Problem problem, Visit recordedAt, IReadOnlyList<Visit> visits, HashSet<MedicationDefinition> prescribed, SyntheticRandom rng)
    {
        foreach (var medication in problem.Definition.Medications)
        {
            // Metoprolol treats both heart failure and atrial fibrillation, but is ordered once.
            if (!prescribed.Add(medication))
            {
                continue;
            }

            // Second-line agents are not for everyone.
            if (medication == MedicationCatalog.Amlodipine && !rng.Chance(0.4))
            {
                continue;
            }

            var authored = RecordedDate(problem, recordedAt);

            // A problem over before it was ever charted here is history, not something to prescribe for.
            if (problem.Resolved is { } resolved && resolved <= authored)
            {
                yield break;
            }

            var renewal = problem.Resolved is null && rng.Chance(0.3)
                ? visits.FirstOrDefault(v => v.Ambulatory && v.Start > authored.AddDays(365 + rng.Next(0, 365)))
                : null;
            if (renewal is not null)
            {
                yield return (new Order(medication, authored, Charted(renewal)), recordedAt);
                yield return (new Order(medication, Charted(renewal), null), renewal);
            }
            else
            {
                yield return (new Order(medication, authored, problem.Resolved), recordedAt);
            }
        }
    }

    public static MedicationRequest Request(string id, string mrn, Order order, Visit visit, string conditionId)
    {
        var medication = order.Medication;
        var timing = medication.AsNeeded
            ? new Timing.RepeatComponent { Frequency = 1, Period = 24m / medication.TimesPerDay, PeriodUnit = Timing.UnitsOfTime.H }
            : new Timing.RepeatComponent { Frequency = medication.TimesPerDay, Period = 1, PeriodUnit = Timing.UnitsOfTime.D };
        var dose = medication.Inhaled
            ? new Quantity { Value = medication.Dose, Unit = "puff", System = Codes.Ucum, Code = "{puff}" }
            : new Quantity { Value = medication.Dose, Unit = "tablet", System = Codes.DrugForm, Code = "TAB" };

        return new MedicationRequest
        {
            Id = id,
            Status = order.Stopped is null ? MedicationRequest.MedicationrequestStatus.Active : MedicationRequest.MedicationrequestStatus.Stopped,
            Intent = MedicationRequest.MedicationRequestIntent.Order,
            Medication = Codes.Concept(Codes.RxNorm, medication.RxNorm, medication.Display),
            Subject = Codes.Ref("Patient", mrn),
            Encounter = Codes.Ref("Encounter", visit.Id),
            AuthoredOn = ClinicTime.Text(order.Authored),
            Requester = Codes.Ref("Practitioner", visit.PractitionerId),
            ReasonReference = [Codes.Ref("Condition", conditionId)],
            DosageInstruction =
            [
                new Dosage
                {
                    Sequence = 1,
                    Text = medication.Sig,
                    Timing = new Timing { Repeat = timing },
                    AsNeeded = new FhirBoolean(medication.AsNeeded),
                    Route = medication.Inhaled
                        ? Codes.Concept(Codes.Snomed, "447694001", "Respiratory tract route")
                        : Codes.Concept(Codes.Snomed, "26643006", "Oral route"),
                    DoseAndRate = [new Dosage.DoseAndRateComponent { Dose = dose }],
                },
            ],
        };
    }

    /// <summary>When a visit's charting is signed: the end of an ambulatory visit, two hours into an acute one.</summary>
    public static DateTimeOffset Charted(Visit visit) =>
        visit.Ambulatory && visit.End is { } end ? end : visit.Start.AddHours(2);
}
