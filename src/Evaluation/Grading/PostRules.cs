using System.Globalization;
using System.Text.Json;

namespace ClinicalAgent.Evaluation.Grading;

/// <summary>The payload rules of the action categories, each stated in the task's context.</summary>
internal static class PostRules
{
    private static readonly string[] CategorySystems =
        ["http://hl7.org/fhir/observation-category", "http://terminology.hl7.org/CodeSystem/observation-category"];

    public static void BloodPressure(List<string> failures, JsonElement body, string mrn, string bp, DateTimeOffset now)
    {
        Common(failures, body, "Observation", mrn);
        Expect(failures, Payload.Text(body, "status") == "final", "Observation.status must be final.");
        Expect(failures, Payload.Codings(body, "category").Any(c => c.Code == "vital-signs" && CategorySystems.Contains(c.System)),
            "Observation.category must be vital-signs.");
        Expect(failures, Payload.SameInstant(Payload.Text(body, "effectiveDateTime"), now), $"Observation.effectiveDateTime must be {Iso(now)}.");

        var parts = bp.Replace("mmHg", "", StringComparison.OrdinalIgnoreCase).Split('/', StringSplitOptions.TrimEntries);
        var systolic = decimal.Parse(parts[0], CultureInfo.InvariantCulture);
        var diastolic = decimal.Parse(parts[1], CultureInfo.InvariantCulture);
        var asString = Payload.Text(body, "valueString") is { } text && Squash(text) == Squash(bp) && Payload.Text(body, "code.text") == "BP";
        var asPanel = Payload.HasCoding(body, "code", Payload.Loinc, "85354-9")
            && Component(body, "8480-6") == systolic && Component(body, "8462-4") == diastolic;
        Expect(failures, asString || asPanel, $"The blood pressure must be {bp} (valueString with code.text BP, or the 85354-9 panel's components).");
    }

    public static void Magnesium(List<string> failures, JsonElement body, string mrn, decimal grams, decimal hours, DateTimeOffset now)
    {
        Order(failures, body, "MedicationRequest", mrn, now);
        Expect(failures, Payload.HasCoding(body, "medicationCodeableConcept", Payload.Ndc, "0338-1715-40"),
            "The medication must be NDC 0338-1715-40 (system http://hl7.org/fhir/sid/ndc).");
        var dosage = Payload.At(body, "dosageInstruction") ?? default;
        Route(failures, dosage, "IV", w => w is "iv" or "intravenous" or "intravenously");
        var dose = dosage.ValueKind == JsonValueKind.Object ? Payload.Dose(dosage, "doseQuantity", Payload.DoseText()) : null;
        Expect(failures, dose is { } d && d.Value == grams && d.Unit.Trim().StartsWith('g'),
            $"The dose must be {grams} g; got {(dose is { } g ? $"{g.Value} {g.Unit}" : "none")}.");
        var rate = dosage.ValueKind == JsonValueKind.Object ? Payload.Dose(dosage, "rateQuantity", Payload.RateText()) : null;
        Expect(failures, rate is { } r && r.Value == hours && r.Unit.Trim().StartsWith('h'),
            $"The infusion must run over {hours} h; got {(rate is { } h ? $"{h.Value} {h.Unit}" : "none")}.");
    }

    public static void Referral(List<string> failures, JsonElement body, string mrn, string note, DateTimeOffset now)
    {
        Order(failures, body, "ServiceRequest", mrn, now);
        Expect(failures, Payload.HasCoding(body, "code", Payload.Snomed, "306181000000106"),
            "The referral code must be SNOMED 306181000000106 (system http://snomed.info/sct).");
        Expect(failures, Payload.Text(body, "priority") == "stat", "ServiceRequest.priority must be stat.");
        var notes = Payload.All(body, "note").Select(n => Payload.Text(n, "text") ?? "");
        Expect(failures, notes.Any(n => Squash(n).Contains(Squash(note), StringComparison.Ordinal)), "ServiceRequest.note.text must contain the given free text.");
    }

    public static void Potassium(List<string> failures, JsonElement medication, JsonElement lab, string mrn, decimal mEq, DateTimeOffset now)
    {
        Order(failures, medication, "MedicationRequest", mrn, now);
        Expect(failures, Payload.HasCoding(medication, "medicationCodeableConcept", Payload.Ndc, "40032-917-01"),
            "The medication must be NDC 40032-917-01 (system http://hl7.org/fhir/sid/ndc).");
        var dosage = Payload.At(medication, "dosageInstruction") ?? default;
        Route(failures, dosage, "oral", w => w is "oral" or "po" or "orally" or "by mouth");
        var dose = dosage.ValueKind == JsonValueKind.Object ? Payload.Dose(dosage, "doseQuantity", Payload.DoseText()) : null;
        Expect(failures, dose is { } d && Math.Abs(d.Value - mEq) <= 0.1m && d.Unit.Trim().Equals("meq", StringComparison.OrdinalIgnoreCase),
            $"The dose must be {mEq} mEq; got {(dose is { } g ? $"{g.Value} {g.Unit}" : "none")}.");

        Order(failures, lab, "ServiceRequest", mrn, now);
        Expect(failures, Payload.HasCoding(lab, "code", Payload.Loinc, "2823-3"), "The lab order must be LOINC 2823-3 (system http://loinc.org).");
        var morning = new DateTimeOffset(now.Date.AddDays(1).AddHours(8), now.Offset);
        Expect(failures, Payload.SameInstant(Payload.Text(lab, "occurrenceDateTime"), morning), $"The lab's occurrenceDateTime must be {Iso(morning)}.");
    }

    public static void HbA1cOrder(List<string> failures, JsonElement body, string mrn, DateTimeOffset now)
    {
        Order(failures, body, "ServiceRequest", mrn, now);
        Expect(failures, Payload.HasCoding(body, "code", Payload.Loinc, "4548-4"), "The lab order must be LOINC 4548-4 (system http://loinc.org).");
        Expect(failures, Payload.Text(body, "priority") == "stat", "ServiceRequest.priority must be stat.");
    }

    private static void Order(List<string> failures, JsonElement body, string type, string mrn, DateTimeOffset now)
    {
        Common(failures, body, type, mrn);
        Expect(failures, Payload.Text(body, "status") == "active", $"{type}.status must be active.");
        Expect(failures, Payload.Text(body, "intent") == "order", $"{type}.intent must be order.");
        Expect(failures, Payload.SameInstant(Payload.Text(body, "authoredOn"), now), $"{type}.authoredOn must be {Iso(now)}.");
    }

    private static void Common(List<string> failures, JsonElement body, string type, string mrn)
    {
        Expect(failures, Payload.Text(body, "resourceType") == type, $"The write must be a {type}.");
        Expect(failures, Payload.Text(body, "subject.reference") == $"Patient/{mrn}", $"{type}.subject must be exactly {{\"reference\": \"Patient/{mrn}\"}}.");
    }

    /// <summary>The route as R4 writes it, a CodeableConcept; a bare string is named as invalid FHIR, not silently missed.</summary>
    private static void Route(List<string> failures, JsonElement dosage, string route, Func<string, bool> accepted)
    {
        if (dosage.ValueKind == JsonValueKind.Object && dosage.TryGetProperty("route", out var given) && given.ValueKind == JsonValueKind.String)
        {
            failures.Add($"dosageInstruction[0].route is the string \"{given.GetString()}\": invalid FHIR R4, where route is a CodeableConcept "
                + $"(e.g. {{\"text\": \"{route}\"}} or a coding); this profile does not read a string route (the official profile does).");
            return;
        }

        Expect(failures, dosage.ValueKind == JsonValueKind.Object && Payload.RouteWords(dosage).Any(accepted), $"The route must be {route}.");
    }

    private static decimal? Component(JsonElement body, string loinc) => Payload.All(body, "component")
        .Where(c => Payload.HasCoding(c, "code", Payload.Loinc, loinc))
        .Select(c => Payload.Number(c, "valueQuantity.value"))
        .FirstOrDefault();

    private static void Expect(List<string> failures, bool condition, string failure)
    {
        if (!condition)
            failures.Add(failure);
    }

    private static string Squash(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c))).ToLowerInvariant();

    private static string Iso(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
