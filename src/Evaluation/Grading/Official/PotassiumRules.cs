namespace ClinicalAgent.Evaluation.Grading.Official;

/// <summary>
/// Category 9 over the store's <c>K</c> search (the newest result at any time): none or at least 3.5 needs no POST;
/// otherwise exactly two accepted POSTs. First <c>{base}MedicationRequest</c>: NDC 40032-917-01, <c>authoredOn</c>
/// containing NOW to the minute, the route a string that is <c>oral</c> after lower-casing and trimming, a dose
/// within 0.1 (inclusive) of <c>(3.5 − K) / 0.1 × 10</c> computed in double precision, unit <c>mEq</c>, status, intent,
/// subject. Then <c>{base}ServiceRequest</c>: LOINC 2823-3, <c>authoredOn == NOW</c>, status, intent, priority stat,
/// subject, <c>occurrenceDateTime</c> containing the next day's <c>08:</c>. Then the answer: <c>[K]</c>, or <c>[]</c>.
/// </summary>
internal static class PotassiumRules
{
    public static async Task<OfficialDecision> GradeAsync(OfficialCase c, CancellationToken cancellationToken)
    {
        var entries = await c.Store.ObservationsAsync(c.Mrn, "K", cancellationToken).ConfigureAwait(false);
        var latest = LabSelection.Latest(entries, since: null);
        if (c.Episode.Result is null)
            return OfficialDecision.Fail("task9.finished", "the episode has no FINISH, and the official harness grades only finished episodes.");
        if (latest is null || PyJson.Number(latest.Value.Value) >= 3.5)
        {
            if (c.NoPost(latest is null ? "there is no potassium, so nothing may be ordered" : "the level is at least 3.5, so nothing may be ordered") is { } failed)
                return failed;
        }
        else if (Orders(c, PyJson.Number(latest.Value.Value)) is { } failed)
        {
            return failed;
        }

        return c.Answer([latest?.Value ?? OfficialCase.Literal(-1)], emptyAccepted: true);
    }

    /// <summary>The official dose, <c>(3.5 - last_value) / 0.1 * 10</c> in IEEE double arithmetic (79.99999999999999 at K = 2.7).</summary>
    public static double Dose(double potassium) => (3.5 - potassium) / 0.1 * 10;

    private static OfficialDecision? Orders(OfficialCase c, double potassium)
    {
        var posts = c.Posts;
        if (posts.Count != 2)
            return OfficialDecision.Fail("task9.two-posts", $"a level below 3.5 needs exactly two accepted POSTs (medication, then lab); found {posts.Count}.");
        if (posts[0].Url != c.FhirBase + "MedicationRequest")
            return OfficialDecision.Fail("task9.medication-url", $"the first POST URL must be {c.FhirBase}MedicationRequest; got {posts[0].Url}.");
        var dose = Dose(potassium);
        var m = posts[0].Payload;
        var failed = new OfficialAsserts("task9")
            .That("resourceType", "payload['resourceType'] == 'MedicationRequest'", () => PyJson.Equal(PyJson.At(m, "resourceType"), "MedicationRequest"), OfficialAsserts.Shown(m, "resourceType"))
            .That("ndc-system", "payload['medicationCodeableConcept']['coding'][0]['system'] == 'http://hl7.org/fhir/sid/ndc'",
                () => PyJson.Equal(PyJson.At(m, "medicationCodeableConcept", "coding", 0, "system"), "http://hl7.org/fhir/sid/ndc"), OfficialAsserts.Shown(m, "medicationCodeableConcept"))
            .That("ndc-code", "payload['medicationCodeableConcept']['coding'][0]['code'] == '40032-917-01'",
                () => PyJson.Equal(PyJson.At(m, "medicationCodeableConcept", "coding", 0, "code"), "40032-917-01"), OfficialAsserts.Shown(m, "medicationCodeableConcept"))
            .That("authoredOn", $"'{c.Clock.NowMinuteText}' in payload['authoredOn']", () => PyJson.Contains(PyJson.At(m, "authoredOn"), c.Clock.NowMinuteText), OfficialAsserts.Shown(m, "authoredOn"))
            .That("route", "payload['dosageInstruction'][0]['route'].lower().strip() == 'oral'",
                () => PyJson.Str(PyJson.At(m, "dosageInstruction", 0, "route")).ToLowerInvariant().Trim() == "oral", OfficialAsserts.Shown(m, "dosageInstruction", 0, "route"))
            .That("dose", $"abs(payload['dosageInstruction'][0]['doseAndRate'][0]['doseQuantity']['value'] - {PyJson.Repr(dose)}) <= 0.1",
                () => Math.Abs(PyJson.Number(PyJson.At(m, "dosageInstruction", 0, "doseAndRate", 0, "doseQuantity", "value")) - dose) <= 0.1,
                OfficialAsserts.Shown(m, "dosageInstruction", 0, "doseAndRate", 0, "doseQuantity"))
            .That("dose-unit", "payload['dosageInstruction'][0]['doseAndRate'][0]['doseQuantity']['unit'] == 'mEq'",
                () => PyJson.Equal(PyJson.At(m, "dosageInstruction", 0, "doseAndRate", 0, "doseQuantity", "unit"), "mEq"), OfficialAsserts.Shown(m, "dosageInstruction", 0, "doseAndRate", 0, "doseQuantity"))
            .That("status", "payload['status'] == 'active'", () => PyJson.Equal(PyJson.At(m, "status"), "active"), OfficialAsserts.Shown(m, "status"))
            .That("intent", "payload['intent'] == 'order'", () => PyJson.Equal(PyJson.At(m, "intent"), "order"), OfficialAsserts.Shown(m, "intent"))
            .That("subject", "payload['subject'] == {'reference': f'Patient/{eval_MRN}'}", () => PyJson.Equal(PyJson.At(m, "subject"), c.Subject), OfficialAsserts.Shown(m, "subject"))
            .Failed;
        if (failed is not null)
            return failed;

        if (posts[1].Url != c.FhirBase + "ServiceRequest")
            return OfficialDecision.Fail("task9.lab-url", $"the second POST URL must be {c.FhirBase}ServiceRequest; got {posts[1].Url}.");
        var s = posts[1].Payload;
        return new OfficialAsserts("task9.lab")
            .That("resourceType", "payload['resourceType'] == 'ServiceRequest'", () => PyJson.Equal(PyJson.At(s, "resourceType"), "ServiceRequest"), OfficialAsserts.Shown(s, "resourceType"))
            .That("loinc-system", "payload['code']['coding'][0]['system'] == 'http://loinc.org'", () => PyJson.Equal(PyJson.At(s, "code", "coding", 0, "system"), "http://loinc.org"), OfficialAsserts.Shown(s, "code"))
            .That("loinc-code", "payload['code']['coding'][0]['code'] == '2823-3'", () => PyJson.Equal(PyJson.At(s, "code", "coding", 0, "code"), "2823-3"), OfficialAsserts.Shown(s, "code"))
            .That("authoredOn", $"payload['authoredOn'] == '{c.Clock.NowText}'", () => PyJson.Equal(PyJson.At(s, "authoredOn"), c.Clock.NowText), OfficialAsserts.Shown(s, "authoredOn"))
            .That("status", "payload['status'] == 'active'", () => PyJson.Equal(PyJson.At(s, "status"), "active"), OfficialAsserts.Shown(s, "status"))
            .That("intent", "payload['intent'] == 'order'", () => PyJson.Equal(PyJson.At(s, "intent"), "order"), OfficialAsserts.Shown(s, "intent"))
            .That("priority", "payload['priority'] == 'stat'", () => PyJson.Equal(PyJson.At(s, "priority"), "stat"), OfficialAsserts.Shown(s, "priority"))
            .That("subject", "payload['subject'] == {'reference': f'Patient/{eval_MRN}'}", () => PyJson.Equal(PyJson.At(s, "subject"), c.Subject), OfficialAsserts.Shown(s, "subject"))
            .That("occurrence", $"'{c.Clock.NextMorningText}' in payload['occurrenceDateTime']",
                () => PyJson.Contains(PyJson.At(s, "occurrenceDateTime"), c.Clock.NextMorningText), OfficialAsserts.Shown(s, "occurrenceDateTime"))
            .Failed;
    }
}
