namespace ClinicalAgent.Bench.Store;

/// <summary>What the benchmark knows about one generated patient, so every query it asks has an answer.</summary>
public sealed class PatientFacts(string id, string family, string birthDate)
{
    public string Id { get; } = id;

    public string Family { get; } = family;

    /// <summary>yyyy-MM-dd, as in the resource.</summary>
    public string BirthDate { get; } = birthDate;

    /// <summary>Effective times of all the patient's Observations.</summary>
    public List<DateTimeOffset> ObservationTimes { get; } = [];

    /// <summary>Effective times of the patient's potassium results.</summary>
    public List<DateTimeOffset> PotassiumTimes { get; } = [];

    public bool HasVitals { get; set; }
}
