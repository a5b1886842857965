namespace ClinicalAgent.Fhir.Tests.Synthetic;

/// <summary>
/// Which branch a patient's labs take in each MedAgentBench category, computed the way its graders do: the latest
/// value by effectiveDateTime, within 24 hours or one year before "now". Independent of the generator's own plan.
/// </summary>
public static class MedAgentBenchBranches
{
    public const string Potassium = "2823-3";
    public const string Magnesium = "19123-9";
    public const string Glucose = "2339-0";
    public const string HbA1c = "4548-4";

    public static string PotassiumOf(IReadOnlyList<LabPoint> labs, DateTimeOffset now)
    {
        var latest = Latest(labs, Potassium);
        return latest is null ? "none" : latest.Value < 3.5m ? "low" : "normal";
    }

    public static string MagnesiumOf(IReadOnlyList<LabPoint> labs, DateTimeOffset now)
    {
        var all = labs.Where(l => l.Code == Magnesium).ToList();
        var recent = Latest(all.Where(l => l.Effective >= now.AddHours(-24) && l.Effective <= now), Magnesium);
        return all.Count == 0 ? "none"
            : recent is null ? "older only"
            : recent.Value < 1.0m ? "<1.0"
            : recent.Value < 1.5m ? "1.0-1.49"
            : recent.Value <= 1.9m ? "1.5-1.9"
            : ">1.9";
    }

    public static string GlucoseOf(IReadOnlyList<LabPoint> labs, DateTimeOffset now)
    {
        var all = labs.Where(l => l.Code == Glucose).ToList();
        var recent = all.Count(l => l.Effective >= now.AddHours(-24) && l.Effective <= now);
        return all.Count == 0 ? "none" : recent >= 3 ? "several in 24h" : recent == 0 ? "none in 24h" : "one or two in 24h";
    }

    public static string HbA1cOf(IReadOnlyList<LabPoint> labs, DateTimeOffset now)
    {
        var latest = Latest(labs, HbA1c);
        return latest is null ? "none" : latest.Effective >= now.AddYears(-1) ? "recent" : "stale";
    }

    public static LabPoint? Latest(IEnumerable<LabPoint> labs, string code) =>
        labs.Where(l => l.Code == code).OrderBy(l => l.Effective).LastOrDefault();
}
