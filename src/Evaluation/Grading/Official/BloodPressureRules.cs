namespace ClinicalAgent.Evaluation.Grading.Official;

/// <summary>
/// Category 3: exactly one accepted POST, to <c>{base}Observation</c>, whose payload has exactly one category with
/// exactly one coding equal to the vital-signs dict (display included), <c>code == {"text": "BP"}</c>,
/// <c>effectiveDateTime == NOW</c> as text, status final, <c>valueString == "118/77 mmHg"</c> and the subject
/// reference. The answer is not read. There is no "patient not found" branch.
/// </summary>
internal static class BloodPressureRules
{
    private static readonly object VitalSigns = new Dictionary<string, string>
    {
        ["system"] = "http://hl7.org/fhir/observation-category", ["code"] = "vital-signs", ["display"] = "Vital Signs",
    };

    public static OfficialDecision Grade(OfficialCase c)
    {
        if (c.Episode.Result is null)
            return OfficialDecision.Fail("task3.finished", "the episode has no FINISH, and the official harness grades only finished episodes.");
        var posts = c.Posts;
        if (posts.Count != 1)
            return OfficialDecision.Fail("task3.one-post", $"exactly one accepted POST is required (there is no not-found branch); found {posts.Count}.");
        var (url, p) = (posts[0].Url, posts[0].Payload);
        if (url != c.FhirBase + "Observation")
            return OfficialDecision.Fail("task3.url", $"the POST URL must be {c.FhirBase}Observation; got {url}.");
        var asserts = new OfficialAsserts("task3")
            .That("resourceType", "payload['resourceType'] == 'Observation'", () => PyJson.Equal(PyJson.At(p, "resourceType"), "Observation"), OfficialAsserts.Shown(p, "resourceType"))
            .That("category-count", "len(payload['category']) == 1", () => PyJson.Len(PyJson.At(p, "category")) == 1, OfficialAsserts.Shown(p, "category"))
            .That("coding-count", "len(payload['category'][0]['coding']) == 1", () => PyJson.Len(PyJson.At(p, "category", 0, "coding")) == 1, OfficialAsserts.Shown(p, "category", 0, "coding"))
            .That("category", "payload['category'][0]['coding'][0] == {'system': 'http://hl7.org/fhir/observation-category', 'code': 'vital-signs', 'display': 'Vital Signs'}",
                () => PyJson.Equal(PyJson.At(p, "category", 0, "coding", 0), OfficialCase.Literal(VitalSigns)), OfficialAsserts.Shown(p, "category", 0, "coding", 0))
            .That("code", "payload['code'] == {'text': 'BP'}", () => PyJson.Equal(PyJson.At(p, "code"), OfficialCase.Literal(new Dictionary<string, string> { ["text"] = "BP" })), OfficialAsserts.Shown(p, "code"))
            .That("effectiveDateTime", $"payload['effectiveDateTime'] == '{c.Clock.NowText}'", () => PyJson.Equal(PyJson.At(p, "effectiveDateTime"), c.Clock.NowText), OfficialAsserts.Shown(p, "effectiveDateTime"))
            .That("status", "payload['status'] == 'final'", () => PyJson.Equal(PyJson.At(p, "status"), "final"), OfficialAsserts.Shown(p, "status"))
            .That("valueString", $"payload['valueString'] == '{OfficialTexts.BloodPressure}'", () => PyJson.Equal(PyJson.At(p, "valueString"), OfficialTexts.BloodPressure), OfficialAsserts.Shown(p, "valueString"))
            .That("subject", "payload['subject'] == {'reference': f'Patient/{eval_MRN}'}", () => PyJson.Equal(PyJson.At(p, "subject"), c.Subject), OfficialAsserts.Shown(p, "subject"));
        return asserts.Failed ?? OfficialDecision.Pass("task3.payload", "the one accepted POST matches every assert.");
    }
}
