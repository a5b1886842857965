namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>Who one synthetic patient is: demographics, body size, problems and branch plan, before any resource exists.</summary>
internal sealed class PatientProfile
{
    public required string Mrn { get; init; }
    public required BranchPlan Plan { get; init; }
    public required bool Female { get; init; }
    public required string Given { get; init; }
    public string? Middle { get; init; }
    public required string Family { get; init; }
    public required DateTime BirthDate { get; init; }
    public required int Age { get; init; }
    public required string PrimaryPractitionerId { get; init; }
    public required string HospitalistId { get; init; }
    public required decimal HeightCm { get; init; }
    public required decimal WeightKg { get; init; }

    /// <summary>Problems in the order they were assigned; hypokalemia and hypomagnesemia are added once labs exist.</summary>
    public List<Problem> Problems { get; } = [];

    public bool Has(ConditionDefinition condition) => Problems.Exists(p => p.Definition == condition);

    public bool Diabetic => Has(ConditionCatalog.Diabetes);

    public string Pronoun => Female ? "She" : "He";

    public string AgeOn(DateTimeOffset time) => ClinicTime.AgeOn(BirthDate, time.ToOffset(ClinicTime.Offset).Date).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
