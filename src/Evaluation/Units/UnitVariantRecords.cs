using System.Globalization;
using ClinicalAgent.Evaluation.Tasks;
using ClinicalAgent.Fhir.Terminology;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Evaluation.Units;

/// <summary>
/// The record of a unit perturbation: a copy of a patient (a new id, a birth date a day later so that no lookup by name
/// and birth date finds both) whose results of one analyte are written in a variant unit — the value converted, the
/// UCUM code and the display of that unit, and the LOINC code of the analyte on that unit's property. The copy is
/// tagged, and task generation leaves tagged patients out, so it exists only for the perturbed task.
/// </summary>
internal static class UnitVariantRecords
{
    /// <summary>The tag system of the copies.</summary>
    public const string TagSystem = "http://clinicalagent.local/bench/perturbation";

    /// <summary>The tag code of the copies.</summary>
    public const string TagCode = "unit-variant";

    private const string Ucum = "http://unitsofmeasure.org";

    /// <summary>Whether <paramref name="patient"/> is such a copy.</summary>
    public static bool IsVariant(Patient patient) => patient.Meta?.Tag.Any(t => t.System == TagSystem && t.Code == TagCode) == true;

    /// <summary>The copy's id: <c>U</c>, the variant's number and the source's digits, e.g. <c>U21234567</c>.</summary>
    public static string IdOf(string sourceMrn, UnitConversion conversion) =>
        "U" + (UnitConversions.All.ToList().IndexOf(conversion) + 1).ToString(CultureInfo.InvariantCulture) + new string([.. sourceMrn.Where(char.IsAsciiDigit)]);

    /// <summary>The copy's birth date: a day after the source's.</summary>
    public static string BirthDateOf(string sourceBirthDate) =>
        DateOnly.Parse(sourceBirthDate, CultureInfo.InvariantCulture).AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The copy's Patient and its results of the analyte (<paramref name="labs"/>, in the task unit) in the variant unit.</summary>
    public static IReadOnlyList<Resource> For(PatientFacts source, IReadOnlyList<LabResult> labs, UnitConversion conversion)
    {
        var id = IdOf(source.Mrn, conversion);
        var patient = new Patient
        {
            Id = id,
            Meta = new Meta { Tag = [new Coding(TagSystem, TagCode, "Unit perturbation of a benchmark task")] },
            Name = [new HumanName { Given = [source.Given], Family = source.Family }],
            BirthDate = BirthDateOf(source.BirthDate),
        };
        var resources = new List<Resource> { patient };
        for (var i = 0; i < labs.Count; i++)
        {
            resources.Add(new Observation
            {
                Id = string.Create(CultureInfo.InvariantCulture, $"{id}-{conversion.Slug}-{i + 1}"),
                Status = ObservationStatus.Final,
                Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/observation-category", "laboratory", "Laboratory")],
                Code = new CodeableConcept(Analytes.LoincSystem, conversion.Loinc, conversion.LoincDisplay, conversion.LoincDisplay),
                Subject = new ResourceReference("Patient/" + id),
                Effective = new FhirDateTime(labs[i].EffectiveText),
                Value = new Quantity { Value = conversion.ToVariant(labs[i].Value), Unit = conversion.Display, System = Ucum, Code = conversion.Ucum },
            });
        }

        return resources;
    }
}
