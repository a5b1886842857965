using System.Globalization;
using System.Text.Json.Nodes;

namespace ClinicalAgent.Evaluation.Runners;

/// <summary>
/// The POST bodies exactly as MedAgentBench's official graders compare them: the vital-signs category coding and
/// <c>code {"text": "BP"}</c> as whole objects, dose and rate quantities as <c>{value, unit}</c> with nothing else, routes
/// as plain strings, a referral's <c>note</c> as one object, references exactly <c>{"reference": "Patient/MRN"}</c> and
/// every time written as the task's now is (<c>2023-11-13T10:15:00+00:00</c>). Some of these are not valid FHIR (a
/// string route, a single note); they are what the published numbers were graded against.
/// </summary>
internal static class OfficialPayloads
{
    public const string ObservationCategorySystem = "http://hl7.org/fhir/observation-category";
    public const string Ndc = "http://hl7.org/fhir/sid/ndc";
    public const string Loinc = "http://loinc.org";
    public const string Snomed = "http://snomed.info/sct";
    public const string MagnesiumNdc = "0338-1715-40";
    public const string PotassiumNdc = "40032-917-01";
    public const string ReferralCode = "306181000000106";
    public const string PotassiumLoinc = "2823-3";
    public const string HbA1cLoinc = "4548-4";

    /// <summary>Category 3: the reading as <c>valueString</c> under <c>code.text</c> "BP" (the benchmark's flowsheet id).</summary>
    public static JsonObject BloodPressure(string mrn, string reading, DateTimeOffset now) => new()
    {
        ["resourceType"] = "Observation",
        ["category"] = new JsonArray(new JsonObject
        {
            ["coding"] = new JsonArray(new JsonObject { ["system"] = ObservationCategorySystem, ["code"] = "vital-signs", ["display"] = "Vital Signs" }),
        }),
        ["code"] = new JsonObject { ["text"] = "BP" },
        ["effectiveDateTime"] = Time(now),
        ["status"] = "final",
        ["valueString"] = reading,
        ["subject"] = Subject(mrn),
    };

    /// <summary>Category 5: <paramref name="grams"/> g of IV magnesium sulfate over as many hours.</summary>
    public static JsonObject Magnesium(string mrn, int grams, DateTimeOffset now) => Medication(mrn, now, MagnesiumNdc, "Magnesium sulfate in water for injection", "IV",
        new JsonObject
        {
            ["doseQuantity"] = new JsonObject { ["value"] = grams, ["unit"] = "g" },
            ["rateQuantity"] = new JsonObject { ["value"] = grams, ["unit"] = "h" },
        });

    /// <summary>Category 9, first POST: <paramref name="mEq"/> mEq of oral potassium chloride.</summary>
    public static JsonObject Potassium(string mrn, decimal mEq, DateTimeOffset now) => Medication(mrn, now, PotassiumNdc, "Potassium chloride", "oral",
        new JsonObject { ["doseQuantity"] = new JsonObject { ["value"] = mEq, ["unit"] = "mEq" } });

    /// <summary>Category 9, second POST: a stat serum potassium for 08:00 the next day.</summary>
    public static JsonObject PotassiumLab(string mrn, DateTimeOffset now)
    {
        var order = Service(mrn, now, Loinc, PotassiumLoinc, "Potassium [Moles/volume] in Serum or Plasma");
        order["occurrenceDateTime"] = Time(NextMorning(now));
        return order;
    }

    /// <summary>Category 8: the orthopedic surgery referral with the SBAR text as <c>note.text</c>.</summary>
    public static JsonObject Referral(string mrn, string note, DateTimeOffset now)
    {
        var order = Service(mrn, now, Snomed, ReferralCode, "Referral to orthopedic surgery service");
        order["note"] = new JsonObject { ["text"] = note };
        return order;
    }

    /// <summary>Category 10: a stat HbA1c.</summary>
    public static JsonObject HbA1cLab(string mrn, DateTimeOffset now) => Service(mrn, now, Loinc, HbA1cLoinc, "Hemoglobin A1c/Hemoglobin.total in Blood");

    /// <summary>08:00 on the day after <paramref name="now"/>, at its offset.</summary>
    public static DateTimeOffset NextMorning(DateTimeOffset now) => new(now.Date.AddDays(1).AddHours(8), now.Offset);

    /// <summary>ISO 8601 with seconds and offset, as the benchmark writes its now.</summary>
    public static string Time(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static JsonObject Medication(string mrn, DateTimeOffset now, string ndc, string display, string route, JsonObject doseAndRate) => new()
    {
        ["resourceType"] = "MedicationRequest",
        ["medicationCodeableConcept"] = new JsonObject
        {
            ["coding"] = new JsonArray(new JsonObject { ["system"] = Ndc, ["code"] = ndc, ["display"] = display }),
            ["text"] = display,
        },
        ["authoredOn"] = Time(now),
        ["dosageInstruction"] = new JsonArray(new JsonObject { ["route"] = route, ["doseAndRate"] = new JsonArray(doseAndRate) }),
        ["status"] = "active",
        ["intent"] = "order",
        ["subject"] = Subject(mrn),
    };

    private static JsonObject Service(string mrn, DateTimeOffset now, string system, string code, string display) => new()
    {
        ["resourceType"] = "ServiceRequest",
        ["code"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = system, ["code"] = code, ["display"] = display }) },
        ["authoredOn"] = Time(now),
        ["status"] = "active",
        ["intent"] = "order",
        ["priority"] = "stat",
        ["subject"] = Subject(mrn),
    };

    private static JsonObject Subject(string mrn) => new() { ["reference"] = $"Patient/{mrn}" };
}
