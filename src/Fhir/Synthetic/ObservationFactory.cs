using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>Builds laboratory and vital-sign Observations and the DiagnosticReports that group lab panels.</summary>
internal static class ObservationFactory
{
    // Fresh instances: Firely POCOs are mutable, and one resource edited later must not change another.
    private static CodeableConcept LaboratoryCategory =>
        Codes.Concept(Codes.ObservationCategory, "laboratory", "Laboratory");

    private static CodeableConcept VitalSignsCategory =>
        Codes.Concept(Codes.ObservationCategory, "vital-signs", "Vital Signs");

    public static Observation Lab(string id, string mrn, LabDraw draw, LabResult result, bool female, DateTimeOffset issued)
    {
        var lab = result.Lab;
        var (low, high) = lab.RangeFor(female);
        var interpretation = result.Value < low ? ("L", "Low") : result.Value > high ? ("H", "High") : ("N", "Normal");
        return new Observation
        {
            Id = id,
            Status = ObservationStatus.Final,
            Category = [LaboratoryCategory],
            Code = Codes.Concept(Codes.Loinc, lab.Loinc, lab.Display, lab.ShortName),
            Subject = Codes.Ref("Patient", mrn),
            Encounter = Codes.Ref("Encounter", draw.Visit.Id),
            Effective = ClinicTime.DateTime(draw.Time),
            Issued = issued,
            Value = Codes.Quantity(result.Value, lab.Unit),
            Interpretation = [Codes.Concept(Codes.Interpretation, interpretation.Item1, interpretation.Item2)],
            ReferenceRange = [new Observation.ReferenceRangeComponent { Low = Codes.Quantity(low, lab.Unit), High = Codes.Quantity(high, lab.Unit) }],
        };
    }

    public static DiagnosticReport Panel(string id, string mrn, LabDraw draw, string code, string display, IEnumerable<string> observationIds, DateTimeOffset issued) => new()
    {
        Id = id,
        Status = DiagnosticReport.DiagnosticReportStatus.Final,
        Category = [Codes.Concept(Codes.DiagnosticService, "LAB", "Laboratory")],
        Code = Codes.Concept(Codes.Loinc, code, display),
        Subject = Codes.Ref("Patient", mrn),
        Encounter = Codes.Ref("Encounter", draw.Visit.Id),
        Effective = ClinicTime.DateTime(draw.Time),
        Issued = issued,
        Performer = [Codes.Ref("Organization", SharedResources.OrganizationId)],
        Result = [.. observationIds.Select(o => Codes.Ref("Observation", o))],
    };

    /// <summary>One Observation per measurement in the set, blood pressure as a panel with two components.</summary>
    public static IEnumerable<Observation> Vitals(Func<string> nextId, string mrn, VitalSet set)
    {
        yield return Vital(nextId(), mrn, set, "85354-9", "Blood pressure panel with all children optional", "Blood pressure", null, component:
        [
            new Observation.ComponentComponent
            {
                Code = Codes.Concept(Codes.Loinc, "8480-6", "Systolic blood pressure"),
                Value = Codes.Quantity(set.Systolic, "mm[Hg]"),
            },
            new Observation.ComponentComponent
            {
                Code = Codes.Concept(Codes.Loinc, "8462-4", "Diastolic blood pressure"),
                Value = Codes.Quantity(set.Diastolic, "mm[Hg]"),
            },
        ]);
        yield return Vital(nextId(), mrn, set, "8867-4", "Heart rate", "Heart rate", Codes.Quantity(set.HeartRate, "/min"));
        yield return Vital(nextId(), mrn, set, "8310-5", "Body temperature", "Temperature", Codes.Quantity(set.TemperatureC, "Cel"));
        yield return Vital(nextId(), mrn, set, "59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry", "SpO2", Codes.Quantity(set.SpO2, "%"));
        if (set.HeightCm is { } height)
        {
            yield return Vital(nextId(), mrn, set, "8302-2", "Body height", "Height", Codes.Quantity(height, "cm"));
        }

        if (set.WeightKg is { } weight)
        {
            yield return Vital(nextId(), mrn, set, "29463-7", "Body weight", "Weight", Codes.Quantity(weight, "kg"));
        }

        if (set.Bmi is { } bmi)
        {
            yield return Vital(nextId(), mrn, set, "39156-5", "Body mass index (BMI) [Ratio]", "BMI", Codes.Quantity(bmi, "kg/m2"));
        }
    }

    private static Observation Vital(string id, string mrn, VitalSet set, string loinc, string display, string text, Quantity? value,
        List<Observation.ComponentComponent>? component = null) => new()
    {
        Id = id,
        Status = ObservationStatus.Final,
        Category = [VitalSignsCategory],
        Code = Codes.Concept(Codes.Loinc, loinc, display, text),
        Subject = Codes.Ref("Patient", mrn),
        Encounter = Codes.Ref("Encounter", set.Visit.Id),
        Effective = ClinicTime.DateTime(set.Time),
        Issued = set.Time.AddMinutes(2),
        Value = value,
        Component = component ?? [],
    };
}
