namespace ClinicalAgent.Evaluation.Grading;

/// <summary>The names of the grading profiles as files, reports and <c>bench run --grader</c> spell them.</summary>
public static class GradingProfiles
{
    /// <summary>The profile of a run folder that names none (folders written before profiles existed).</summary>
    public const string Default = "clinicalagent";

    /// <summary>Grading with both profiles: the result's verdict is ours, and the official one is kept beside it.</summary>
    public const string Both = "both";

    /// <summary><c>clinicalagent</c> or <c>official</c>.</summary>
    public static string Name(GradingProfile profile) => profile == GradingProfile.Official ? "official" : "clinicalagent";

    /// <summary>The profiles a <c>--grader</c> value names, the one that decides <c>passed</c> first.</summary>
    /// <exception cref="ArgumentException">Not <c>official</c>, <c>clinicalagent</c> or <c>both</c>.</exception>
    public static IReadOnlyList<GradingProfile> Parse(string? value) => (value ?? Default).Trim().ToLowerInvariant() switch
    {
        "clinicalagent" => [GradingProfile.ClinicalAgent],
        "official" => [GradingProfile.Official],
        Both => [GradingProfile.ClinicalAgent, GradingProfile.Official],
        var other => throw new ArgumentException($"--grader '{other}' is not one of official, clinicalagent, both."),
    };

    /// <summary>The name a run records for a list of profiles (<c>both</c> for two).</summary>
    public static string Describe(IReadOnlyList<GradingProfile> profiles) => profiles.Count > 1 ? Both : Name(profiles[0]);
}
