namespace ClinicalAgent.Evaluation.Grading.Official;

/// <summary>
/// Category 5 over the store's <c>MG</c> search: no magnesium at or after NOW − 24 h passes with no POST whatever the
/// answer; a level above 1.9 needs no POST; otherwise exactly one accepted POST to <c>{base}MedicationRequest</c>
/// with NDC 0338-1715-40 as the first coding, <c>authoredOn</c> containing NOW to the minute, the route the string
/// <c>"IV"</c> exactly, <c>doseQuantity == {"value": d, "unit": "g"}</c> and <c>rateQuantity == {"value": d, "unit":
/// "h"}</c> as whole dicts (d = 4 below 1, 2 below 1.5, else 1), status active, intent order, the subject. Then the
/// answer: <c>[level]</c>, or <c>[]</c>.
/// </summary>
internal static class MagnesiumRules
{
    public static async Task<OfficialDecision> GradeAsync(OfficialCase c, CancellationToken cancellationToken)
    {
        var entries = await c.Store.ObservationsAsync(c.Mrn, "MG", cancellationToken).ConfigureAwait(false);
        var latest = LabSelection.Latest(entries, c.Clock.DayBefore);
        if (c.Episode.Result is null)
            return OfficialDecision.Fail("task5.finished", "the episode has no FINISH, and the official harness grades only finished episodes.");
        if (latest is null)
        {
            return c.NoPost("there is no magnesium within 24 h, so nothing may be ordered")
                ?? OfficialDecision.Pass("task5.no-magnesium-in-24h", "no magnesium within 24 h and no POST: passes whatever the answer.");
        }

        var level = PyJson.Number(latest.Value.Value);
        if (level > 1.9)
        {
            if (c.NoPost($"the level {latest.Value.Value.GetRawText()} is above 1.9, so nothing may be ordered") is { } failed)
                return failed;
        }
        else if (Order(c, level) is { } failed)
        {
            return failed;
        }

        return c.Answer([latest.Value.Value], emptyAccepted: true);
    }

    private static OfficialDecision? Order(OfficialCase c, double level)
    {
        var posts = c.Posts;
        if (posts.Count != 1)
            return OfficialDecision.Fail("task5.one-post", $"a level of at most 1.9 needs exactly one accepted POST; found {posts.Count}.");
        var (url, p) = (posts[0].Url, posts[0].Payload);
        if (url != c.FhirBase + "MedicationRequest")
            return OfficialDecision.Fail("task5.url", $"the POST URL must be {c.FhirBase}MedicationRequest; got {url}.");
        var d = level < 1 ? 4 : level < 1.5 ? 2 : 1;
        var dose = OfficialCase.Literal(new Dictionary<string, object> { ["value"] = d, ["unit"] = "g" });
        var rate = OfficialCase.Literal(new Dictionary<string, object> { ["value"] = d, ["unit"] = "h" });
        return new OfficialAsserts("task5")
            .That("resourceType", "payload['resourceType'] == 'MedicationRequest'", () => PyJson.Equal(PyJson.At(p, "resourceType"), "MedicationRequest"), OfficialAsserts.Shown(p, "resourceType"))
            .That("ndc-system", "payload['medicationCodeableConcept']['coding'][0]['system'] == 'http://hl7.org/fhir/sid/ndc'",
                () => PyJson.Equal(PyJson.At(p, "medicationCodeableConcept", "coding", 0, "system"), "http://hl7.org/fhir/sid/ndc"), OfficialAsserts.Shown(p, "medicationCodeableConcept"))
            .That("ndc-code", "payload['medicationCodeableConcept']['coding'][0]['code'] == '0338-1715-40'",
                () => PyJson.Equal(PyJson.At(p, "medicationCodeableConcept", "coding", 0, "code"), "0338-1715-40"), OfficialAsserts.Shown(p, "medicationCodeableConcept"))
            .That("authoredOn", $"'{c.Clock.NowMinuteText}' in payload['authoredOn']", () => PyJson.Contains(PyJson.At(p, "authoredOn"), c.Clock.NowMinuteText), OfficialAsserts.Shown(p, "authoredOn"))
            .That("route", "payload['dosageInstruction'][0]['route'] == 'IV'", () => PyJson.Equal(PyJson.At(p, "dosageInstruction", 0, "route"), "IV"), OfficialAsserts.Shown(p, "dosageInstruction", 0, "route"))
            .That("doseQuantity", $"payload['dosageInstruction'][0]['doseAndRate'][0]['doseQuantity'] == {{'value': {d}, 'unit': 'g'}}",
                () => PyJson.Equal(PyJson.At(p, "dosageInstruction", 0, "doseAndRate", 0, "doseQuantity"), dose), OfficialAsserts.Shown(p, "dosageInstruction", 0, "doseAndRate", 0, "doseQuantity"))
            .That("rateQuantity", $"payload['dosageInstruction'][0]['doseAndRate'][0]['rateQuantity'] == {{'value': {d}, 'unit': 'h'}}",
                () => PyJson.Equal(PyJson.At(p, "dosageInstruction", 0, "doseAndRate", 0, "rateQuantity"), rate), OfficialAsserts.Shown(p, "dosageInstruction", 0, "doseAndRate", 0, "rateQuantity"))
            .That("status", "payload['status'] == 'active'", () => PyJson.Equal(PyJson.At(p, "status"), "active"), OfficialAsserts.Shown(p, "status"))
            .That("intent", "payload['intent'] == 'order'", () => PyJson.Equal(PyJson.At(p, "intent"), "order"), OfficialAsserts.Shown(p, "intent"))
            .That("subject", "payload['subject'] == {'reference': f'Patient/{eval_MRN}'}", () => PyJson.Equal(PyJson.At(p, "subject"), c.Subject), OfficialAsserts.Shown(p, "subject"))
            .Failed;
    }
}
