using Hl7.Fhir.Model;

namespace ClinicalAgent.Bench.Store;

/// <summary>
/// Watches the generated stream once, without keeping the resources, and remembers the facts query values are
/// drawn from (patients, names, birth dates, observation times) and the count of each resource type.
/// </summary>
public sealed class SampleCollector
{
    public const string Loinc = "http://loinc.org";
    public const string PotassiumCode = "2823-3";

    private readonly Dictionary<string, PatientFacts> _patients = new(StringComparer.Ordinal);

    public Dictionary<string, long> CountsByType { get; } = new(StringComparer.Ordinal);

    public long Total { get; private set; }

    /// <summary>Patients in generation order (a list, so a seeded pick is repeatable).</summary>
    public List<PatientFacts> Patients { get; } = [];

    public void Observe(Resource resource)
    {
        Total++;
        CountsByType[resource.TypeName] = CountsByType.GetValueOrDefault(resource.TypeName) + 1;
        switch (resource)
        {
            case Patient { Id: { } id, BirthDate: { } birthDate } patient when patient.Name.FirstOrDefault()?.Family is { } family:
                var facts = new PatientFacts(id, family, birthDate);
                _patients[id] = facts;
                Patients.Add(facts);
                break;
            case Observation observation when observation.Effective is FhirDateTime effective
                && observation.Subject?.Reference is { } subject && subject.StartsWith("Patient/", StringComparison.Ordinal)
                && _patients.TryGetValue(subject["Patient/".Length..], out var owner):
                var time = effective.ToDateTimeOffset(TimeSpan.Zero);
                owner.ObservationTimes.Add(time);
                if (observation.Code.Coding.Any(c => c.System == Loinc && c.Code == PotassiumCode))
                {
                    owner.PotassiumTimes.Add(time);
                }

                owner.HasVitals |= observation.Category.Any(c => c.Coding.Any(x => x.Code == "vital-signs"));
                break;
        }
    }
}
