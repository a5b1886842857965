namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>One set of vital signs taken together; weight, height and BMI only where they were measured.</summary>
internal sealed record VitalSet(
    Visit Visit, DateTimeOffset Time, int Systolic, int Diastolic, int HeartRate, decimal TemperatureC, int SpO2,
    decimal? WeightKg = null, decimal? HeightCm = null, decimal? Bmi = null);
