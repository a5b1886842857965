using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>Builds Immunizations (CVX) given at ambulatory visits and Procedures (SNOMED) where they fit the record.</summary>
internal static class PreventiveCareFactory
{
    public static IEnumerable<Immunization> Immunizations(PatientProfile patient, IReadOnlyList<Visit> visits, SyntheticRandom rng, ClinicTime clock)
    {
        var ambulatory = visits.Where(v => v.Ambulatory).ToList();
        var given = new List<(string Cvx, string Display, Visit Visit)>();
        var fluSeasons = new HashSet<int>();
        foreach (var visit in ambulatory)
        {
            var local = visit.Start.ToOffset(ClinicTime.Offset);
            if (local.Month >= 9 && fluSeasons.Add(local.Year) && rng.Chance(0.7))
            {
                given.Add(("140", "Influenza, seasonal, injectable, preservative free", visit));
            }
        }

        if (rng.Chance(0.4))
        {
            given.Add(("115", "Tdap", rng.Pick(ambulatory)));
        }

        var recent = ambulatory.Where(v => v.Start > clock.Now.AddDays(-3 * 365)).ToList();
        if (recent.Count > 0 && rng.Chance(0.6))
        {
            var first = rng.Next(0, recent.Count);
            given.Add(("208", "SARS-COV-2 (COVID-19) vaccine, mRNA, spike protein, LNP, preservative free, 30 mcg/0.3mL dose", recent[first]));
            if (first + 1 < recent.Count && rng.Chance(0.5))
            {
                given.Add(("208", "SARS-COV-2 (COVID-19) vaccine, mRNA, spike protein, LNP, preservative free, 30 mcg/0.3mL dose", recent[first + 1]));
            }
        }

        var checkUps = ambulatory.Where(v => v.Kind == VisitKind.CheckUp).ToList();
        var fifty = checkUps.FindIndex(v => AgeAt(patient, v) >= 50);
        if (fifty >= 0 && rng.Chance(0.4))
        {
            var dose1 = checkUps[rng.Next(fifty, checkUps.Count)];
            given.Add(("187", "zoster vaccine recombinant", dose1));
            if (ambulatory.Find(v => v.Start > dose1.Start.AddDays(60)) is { } dose2)
            {
                given.Add(("187", "zoster vaccine recombinant", dose2));
            }
        }

        var sixtyFive = checkUps.FindIndex(v => AgeAt(patient, v) >= 65);
        if (sixtyFive >= 0 && rng.Chance(0.6))
        {
            var conjugate = checkUps[sixtyFive];
            given.Add(("133", "Pneumococcal conjugate PCV 13", conjugate));
            if (checkUps.Find(v => v.Start > conjugate.Start.AddDays(300)) is { } polysaccharide)
            {
                given.Add(("33", "pneumococcal polysaccharide vaccine, 23 valent", polysaccharide));
            }
        }

        given.Sort((a, b) => a.Visit.Start.CompareTo(b.Visit.Start));
        for (var i = 0; i < given.Count; i++)
        {
            var (cvx, display, visit) = given[i];
            yield return new Immunization
            {
                Id = $"{patient.Mrn}-imm-{i + 1}",
                Status = Immunization.ImmunizationStatusCodes.Completed,
                VaccineCode = Codes.Concept(Codes.Cvx, cvx, display),
                Patient = Codes.Ref("Patient", patient.Mrn),
                Encounter = Codes.Ref("Encounter", visit.Id),
                Occurrence = ClinicTime.DateTime(visit.Start.AddMinutes(rng.Next(20, 30))),
                PrimarySource = true,
                Route = Codes.Concept("http://terminology.hl7.org/CodeSystem/v3-RouteOfAdministration", "IM", "Injection, intramuscular"),
                Performer = [new Immunization.PerformerComponent { Actor = Codes.Ref("Practitioner", visit.PractitionerId) }],
            };
        }
    }

    public static IEnumerable<Procedure> Procedures(PatientProfile patient, IReadOnlyList<Visit> visits, SyntheticRandom rng, ClinicTime clock)
    {
        var done = new List<(string Code, string Display, Visit? Visit, DateTimeOffset Time)>();
        var cardiac = patient.Has(ConditionCatalog.AtrialFibrillation) || patient.Has(ConditionCatalog.HeartFailure);
        foreach (var visit in visits)
        {
            if (!visit.Ambulatory)
            {
                done.Add(("29303009", "Electrocardiographic procedure", visit, visit.Start.AddMinutes(rng.Next(15, 30))));
                if (visit.Kind == VisitKind.Inpatient || rng.Chance(0.6))
                {
                    done.Add(("399208008", "Plain X-ray of chest", visit, visit.Start.AddMinutes(rng.Next(45, 90))));
                }
            }
            else if (visit.Kind == VisitKind.CheckUp && cardiac && rng.Chance(0.5))
            {
                done.Add(("29303009", "Electrocardiographic procedure", visit, visit.Start.AddMinutes(rng.Next(15, 30))));
            }
        }

        if (patient.Problems.Find(p => p.Definition == ConditionCatalog.HeartFailure) is { } heartFailure)
        {
            var echo = visits.FirstOrDefault(v => v.Start >= heartFailure.Onset) ?? visits[0];
            done.Add(("40701008", "Echocardiography", echo, echo.Start.AddMinutes(echo.Ambulatory ? rng.Next(20, 30) : rng.Next(120, 180))));
        }

        if (patient.Age is >= 46 and <= 80 && rng.Chance(0.5))
        {
            // Screening colonoscopy in the endoscopy suite: no clinic encounter to attach it to.
            done.Add(("73761001", "Colonoscopy", null, clock.At(rng.Next(30, VisitPlanner.HistoryDays), rng.Next(32, 42) * 15)));
        }

        done.Sort((a, b) => a.Time.CompareTo(b.Time));
        for (var i = 0; i < done.Count; i++)
        {
            var (code, display, visit, time) = done[i];
            yield return new Procedure
            {
                Id = $"{patient.Mrn}-proc-{i + 1}",
                Status = EventStatus.Completed,
                Code = Codes.Concept(Codes.Snomed, code, display),
                Subject = Codes.Ref("Patient", patient.Mrn),
                Encounter = visit is null ? null : Codes.Ref("Encounter", visit.Id),
                Performed = ClinicTime.DateTime(ClinicTime.Minute(time)),
                Performer =
                [
                    new Procedure.PerformerComponent
                    {
                        Actor = visit is null ? Codes.Ref("Organization", SharedResources.OrganizationId) : Codes.Ref("Practitioner", visit.PractitionerId),
                    },
                ],
            };
        }
    }

    private static int AgeAt(PatientProfile patient, Visit visit) =>
        ClinicTime.AgeOn(patient.BirthDate, visit.Start.ToOffset(ClinicTime.Offset).Date);
}
