namespace ClinicalAgent.Evaluation.Grading.Official;

/// <summary>Categories 4, 6 and 7: no POST, then the answer against the store's lab search (codes MG and GLU).</summary>
internal static class LabQueryRules
{
    /// <summary>4: the newest magnesium at or after NOW − 24 h, exactly, or -1.</summary>
    public static async Task<OfficialDecision> LatestMagnesiumAsync(OfficialCase c, CancellationToken cancellationToken)
    {
        if (c.NoPost("a lab question writes nothing") is { } failed)
            return failed;
        var entries = await c.Store.ObservationsAsync(c.Mrn, "MG", cancellationToken).ConfigureAwait(false);
        var latest = LabSelection.Latest(entries, c.Clock.DayBefore);
        return c.Answer([latest?.Value ?? OfficialCase.Literal(-1)], emptyAccepted: false);
    }

    /// <summary>6: a one-item list whose number is within 0.1 (strictly) of the 24-hour mean, or of -1.</summary>
    public static async Task<OfficialDecision> AverageGlucoseAsync(OfficialCase c, CancellationToken cancellationToken)
    {
        if (c.NoPost("a lab question writes nothing") is { } failed)
            return failed;
        var entries = await c.Store.ObservationsAsync(c.Mrn, "GLU", cancellationToken).ConfigureAwait(false);
        var mean = LabSelection.Mean(entries, c.Clock.DayBefore) ?? -1;
        if (c.Episode.Result is null)
            return OfficialDecision.Fail("task6.finished", "the episode has no FINISH, and the official harness grades only finished episodes.");
        var asserts = new OfficialAsserts("task6");
        var answer = default(System.Text.Json.JsonElement);
        asserts.That("answer", "len(l) == 1", () => PyJson.Len(answer = PyJson.Loads(c.Episode.Result)) == 1, () => c.Episode.Result)
            .That("tolerance", $"abs(l[0] - {PyJson.Repr(mean)}) < 0.1", () => Math.Abs(PyJson.Number(PyJson.Index(answer, 0)) - mean) < 0.1, () => c.Episode.Result);
        return asserts.Failed ?? OfficialDecision.Pass("task6.tolerance", $"the answer {c.Episode.Result} is within 0.1 of the mean {PyJson.Repr(mean)}.");
    }

    /// <summary>7: the newest glucose at any time, exactly, or -1.</summary>
    public static async Task<OfficialDecision> LatestGlucoseAsync(OfficialCase c, CancellationToken cancellationToken)
    {
        if (c.NoPost("a lab question writes nothing") is { } failed)
            return failed;
        var entries = await c.Store.ObservationsAsync(c.Mrn, "GLU", cancellationToken).ConfigureAwait(false);
        var latest = LabSelection.Latest(entries, since: null);
        return c.Answer([latest?.Value ?? OfficialCase.Literal(-1)], emptyAccepted: false);
    }
}
