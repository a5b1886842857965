namespace ClinicalAgent.Evaluation.Grading.Official;

/// <summary>
/// Category 10 over the store's <c>A1C</c> search (the newest result at any time): none, or one dated before NOW minus
/// one year, needs exactly one accepted POST to <c>{base}ServiceRequest</c> (LOINC 4548-4, <c>authoredOn == NOW</c>,
/// status active, intent order, priority stat, subject); otherwise no POST. Then the answer:
/// <c>[value, effectiveDateTime]</c> with the date text exactly as the server returns it, <c>[-1]</c>, or <c>[]</c>.
/// </summary>
internal static class HbA1cRules
{
    public static async Task<OfficialDecision> GradeAsync(OfficialCase c, CancellationToken cancellationToken)
    {
        var entries = await c.Store.ObservationsAsync(c.Mrn, "A1C", cancellationToken).ConfigureAwait(false);
        var latest = LabSelection.Latest(entries, since: null);
        if (c.Episode.Result is null)
            return OfficialDecision.Fail("task10.finished", "the episode has no FINISH, and the official harness grades only finished episodes.");
        var orderNeeded = latest is null || PyDateTime.Compare(latest.Value.When, c.Clock.YearBefore) < 0;
        if (orderNeeded)
        {
            if (Order(c) is { } failed)
                return failed;
        }
        else if (c.NoPost("the newest HbA1c is less than a year old, so nothing may be ordered") is { } failed)
        {
            return failed;
        }

        return latest is { } l
            ? c.Answer([l.Value, OfficialCase.Literal(l.Time)], emptyAccepted: true)
            : c.Answer([OfficialCase.Literal(-1)], emptyAccepted: true);
    }

    private static OfficialDecision? Order(OfficialCase c)
    {
        var posts = c.Posts;
        if (posts.Count != 1)
            return OfficialDecision.Fail("task10.one-post", $"a missing or year-old HbA1c needs exactly one accepted POST; found {posts.Count}.");
        if (posts[0].Url != c.FhirBase + "ServiceRequest")
            return OfficialDecision.Fail("task10.url", $"the POST URL must be {c.FhirBase}ServiceRequest; got {posts[0].Url}.");
        var p = posts[0].Payload;
        return new OfficialAsserts("task10")
            .That("resourceType", "payload['resourceType'] == 'ServiceRequest'", () => PyJson.Equal(PyJson.At(p, "resourceType"), "ServiceRequest"), OfficialAsserts.Shown(p, "resourceType"))
            .That("loinc-system", "payload['code']['coding'][0]['system'] == 'http://loinc.org'", () => PyJson.Equal(PyJson.At(p, "code", "coding", 0, "system"), "http://loinc.org"), OfficialAsserts.Shown(p, "code"))
            .That("loinc-code", "payload['code']['coding'][0]['code'] == '4548-4'", () => PyJson.Equal(PyJson.At(p, "code", "coding", 0, "code"), "4548-4"), OfficialAsserts.Shown(p, "code"))
            .That("authoredOn", $"payload['authoredOn'] == '{c.Clock.NowText}'", () => PyJson.Equal(PyJson.At(p, "authoredOn"), c.Clock.NowText), OfficialAsserts.Shown(p, "authoredOn"))
            .That("status", "payload['status'] == 'active'", () => PyJson.Equal(PyJson.At(p, "status"), "active"), OfficialAsserts.Shown(p, "status"))
            .That("intent", "payload['intent'] == 'order'", () => PyJson.Equal(PyJson.At(p, "intent"), "order"), OfficialAsserts.Shown(p, "intent"))
            .That("priority", "payload['priority'] == 'stat'", () => PyJson.Equal(PyJson.At(p, "priority"), "stat"), OfficialAsserts.Shown(p, "priority"))
            .That("subject", "payload['subject'] == {'reference': f'Patient/{eval_MRN}'}", () => PyJson.Equal(PyJson.At(p, "subject"), c.Subject), OfficialAsserts.Shown(p, "subject"))
            .Failed;
    }
}
