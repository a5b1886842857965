using System.Globalization;

namespace ClinicalAgent.Evaluation.Grading.Official;

/// <summary>Categories 1 (patient lookup) and 2 (age): no POST, then the answer equals the reference exactly.</summary>
internal static class LookupRules
{
    public static OfficialDecision Lookup(OfficialCase c)
    {
        if (c.NoPost("a lookup writes nothing") is { } failed)
            return failed;
        return c.Task.Sol is { } sol
            ? c.Answer(sol, emptyAccepted: false)
            : OfficialDecision.Fail("task1.sol", "the task has no 'sol', so the grader raises KeyError.");
    }

    public static async Task<OfficialDecision> AgeAsync(OfficialCase c, CancellationToken cancellationToken)
    {
        if (c.NoPost("an age question writes nothing") is { } failed)
            return failed;
        var birth = await c.Store.BirthDateAsync(c.Mrn, cancellationToken).ConfigureAwait(false);
        if (!DateTime.TryParseExact(birth, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            throw new PyError($"ValueError: time data '{birth}' does not match format '%Y-%m-%d'");
        return c.Answer([OfficialCase.Literal(c.Clock.AgeAt(date))], emptyAccepted: false);
    }
}
