using System.Globalization;
using ClinicalAgent.Fhir.Search;

namespace ClinicalAgent.Bench.Store;

/// <summary>
/// Draws the concrete queries of each shape from the generated data with a seeded PRNG, so every query has a real
/// answer and two runs with the same options ask exactly the same questions.
/// </summary>
public sealed class QueryCatalog(SampleCollector samples, int seed, int pageSize)
{
    private const string PotassiumToken = SampleCollector.Loinc + "|" + SampleCollector.PotassiumCode;

    public IReadOnlyList<QueryCase> Build(int perCase) =>
    [
        Case("a", "latest potassium of a patient", perCase, 1, LatestPotassium),
        Case("b", "patient by family (prefix or full) and birth date", perCase, 2, ByNameAndBirthDate),
        Case("c1", "a patient's observations in a 90-day window", perCase, 3, PatientWindow),
        Case("c2", "potassium results store-wide in a 7-day window", perCase, 4, StoreWideWindow),
        Case("d", "a patient's vital signs", perCase, 5, Vitals),
    ];

    private QueryCase Case(string key, string title, int count, int salt, Func<Random, BenchQuery> draw)
    {
        // One PRNG per shape: adding a shape or changing one never changes the others' queries.
        var random = new Random(unchecked((seed * 31) + salt));
        return new QueryCase(key, title, [.. Enumerable.Range(0, count).Select(_ => draw(random))]);
    }

    private BenchQuery LatestPotassium(Random random)
    {
        var patient = Pick(random, p => p.PotassiumTimes.Count > 0);
        var reference = "Patient/" + patient.Id;
        return Query("Observation", [("patient", patient.Id), ("code", PotassiumToken), ("_sort", "-date"), ("_count", "1")],
            new NaiveQuery(
                o => NaiveFilters.ReferenceIs(o, "subject", reference) && NaiveFilters.HasCoding(o, "code", SampleCollector.Loinc, SampleCollector.PotassiumCode),
                o => NaiveFilters.Effective(o)?.High,
                1));
    }

    private BenchQuery ByNameAndBirthDate(Random random)
    {
        var patient = Pick(random, _ => true);
        var family = patient.Family.Length > 3 && random.Next(2) == 0 ? patient.Family[..random.Next(3, patient.Family.Length)] : patient.Family;
        var prefix = SearchText.Normalize(family);
        var day = NaiveFilters.Day(patient.BirthDate);
        return Query("Patient", [("family", family), ("birthdate", patient.BirthDate)],
            new NaiveQuery(p => NaiveFilters.FamilyStartsWith(p, prefix) && NaiveFilters.Eq(NaiveFilters.BirthDate(p), day), null, pageSize));
    }

    private BenchQuery PatientWindow(Random random)
    {
        var patient = Pick(random, p => p.ObservationTimes.Count > 0);
        var anchor = patient.ObservationTimes[random.Next(patient.ObservationTimes.Count)].UtcDateTime.Date;
        var from = anchor.AddDays(-random.Next(90));
        var (low, high) = (NaiveFilters.Day(Date(from)), NaiveFilters.Day(Date(from.AddDays(90))));
        var reference = "Patient/" + patient.Id;
        return Query("Observation", [("patient", patient.Id), ("date", "ge" + Date(from)), ("date", "lt" + Date(from.AddDays(90)))],
            new NaiveQuery(
                o => NaiveFilters.ReferenceIs(o, "subject", reference) && InWindow(o, low, high),
                null,
                pageSize));
    }

    private BenchQuery StoreWideWindow(Random random)
    {
        var patient = Pick(random, p => p.PotassiumTimes.Count > 0);
        var from = patient.PotassiumTimes[random.Next(patient.PotassiumTimes.Count)].UtcDateTime.Date;
        var (low, high) = (NaiveFilters.Day(Date(from)), NaiveFilters.Day(Date(from.AddDays(7))));
        return Query("Observation", [("code", PotassiumToken), ("date", "ge" + Date(from)), ("date", "lt" + Date(from.AddDays(7))), ("_count", "50")],
            new NaiveQuery(
                o => NaiveFilters.HasCoding(o, "code", SampleCollector.Loinc, SampleCollector.PotassiumCode) && InWindow(o, low, high),
                null,
                50));
    }

    private BenchQuery Vitals(Random random)
    {
        var patient = Pick(random, p => p.HasVitals);
        var reference = "Patient/" + patient.Id;
        return Query("Observation", [("patient", patient.Id), ("category", "vital-signs"), ("_count", "50")],
            new NaiveQuery(o => NaiveFilters.ReferenceIs(o, "subject", reference) && NaiveFilters.HasCoding(o, "category", null, "vital-signs"), null, 50));
    }

    private static bool InWindow(System.Text.Json.JsonElement observation, FhirDateRange from, FhirDateRange to)
    {
        var effective = NaiveFilters.Effective(observation);
        return NaiveFilters.Ge(effective, from) && NaiveFilters.Lt(effective, to);
    }

    private PatientFacts Pick(Random random, Func<PatientFacts, bool> eligible)
    {
        // Rejection sampling keeps the pick uniform over eligible patients without building a filtered list each time.
        for (var attempt = 0; attempt < 10_000; attempt++)
        {
            var patient = samples.Patients[random.Next(samples.Patients.Count)];
            if (eligible(patient))
            {
                return patient;
            }
        }

        throw new InvalidOperationException("No generated patient fits this query shape; generate more patients.");
    }

    private static BenchQuery Query(string type, (string Name, string Value)[] pairs, NaiveQuery naive) =>
        new(type, new SearchQuery([.. pairs.Select(p => new KeyValuePair<string, string>(p.Name, p.Value))]), naive);

    private static string Date(DateTime day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
