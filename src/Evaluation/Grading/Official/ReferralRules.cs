namespace ClinicalAgent.Evaluation.Grading.Official;

/// <summary>
/// Category 8: exactly one accepted POST, to <c>{base}ServiceRequest</c>: SNOMED 306181000000106 as the first coding,
/// <c>authoredOn == NOW</c> as text, status active, intent order, priority stat, <c>note</c> a dict whose <c>text</c>
/// contains the hard-coded SBAR text (a list of notes raises), and the subject. The answer is not read; there is no
/// "patient not found" branch.
/// </summary>
internal static class ReferralRules
{
    public static OfficialDecision Grade(OfficialCase c)
    {
        if (c.Episode.Result is null)
            return OfficialDecision.Fail("task8.finished", "the episode has no FINISH, and the official harness grades only finished episodes.");
        var posts = c.Posts;
        if (posts.Count != 1)
            return OfficialDecision.Fail("task8.one-post", $"exactly one accepted POST is required (there is no not-found branch); found {posts.Count}.");
        var (url, p) = (posts[0].Url, posts[0].Payload);
        if (url != c.FhirBase + "ServiceRequest")
            return OfficialDecision.Fail("task8.url", $"the POST URL must be {c.FhirBase}ServiceRequest; got {url}.");
        var asserts = new OfficialAsserts("task8")
            .That("resourceType", "payload['resourceType'] == 'ServiceRequest'", () => PyJson.Equal(PyJson.At(p, "resourceType"), "ServiceRequest"), OfficialAsserts.Shown(p, "resourceType"))
            .That("code-system", "payload['code']['coding'][0]['system'] == 'http://snomed.info/sct'",
                () => PyJson.Equal(PyJson.At(p, "code", "coding", 0, "system"), "http://snomed.info/sct"), OfficialAsserts.Shown(p, "code"))
            .That("code", "payload['code']['coding'][0]['code'] == '306181000000106'",
                () => PyJson.Equal(PyJson.At(p, "code", "coding", 0, "code"), "306181000000106"), OfficialAsserts.Shown(p, "code"))
            .That("authoredOn", $"payload['authoredOn'] == '{c.Clock.NowText}'", () => PyJson.Equal(PyJson.At(p, "authoredOn"), c.Clock.NowText), OfficialAsserts.Shown(p, "authoredOn"))
            .That("status", "payload['status'] == 'active'", () => PyJson.Equal(PyJson.At(p, "status"), "active"), OfficialAsserts.Shown(p, "status"))
            .That("intent", "payload['intent'] == 'order'", () => PyJson.Equal(PyJson.At(p, "intent"), "order"), OfficialAsserts.Shown(p, "intent"))
            .That("priority", "payload['priority'] == 'stat'", () => PyJson.Equal(PyJson.At(p, "priority"), "stat"), OfficialAsserts.Shown(p, "priority"))
            .That("note", "comment in payload['note']['text']", () => PyJson.Contains(PyJson.At(p, "note", "text"), OfficialTexts.ReferralNote), OfficialAsserts.Shown(p, "note"))
            .That("subject", "payload['subject'] == {'reference': f'Patient/{eval_MRN}'}", () => PyJson.Equal(PyJson.At(p, "subject"), c.Subject), OfficialAsserts.Shown(p, "subject"));
        return asserts.Failed ?? OfficialDecision.Pass("task8.payload", "the one accepted POST matches every assert.");
    }
}
