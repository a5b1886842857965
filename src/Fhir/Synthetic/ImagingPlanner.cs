using System.Globalization;
using ClinicalAgent.Imaging.Synthetic;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>
/// Chooses which patients get images and which: one patient in four (by position, so every population of 20 holds
/// each finding), with findings cycling through effusion, cardiomegaly, pneumonia and normal; some get a prior normal
/// radiograph to compare with, a CT the same day, or a dermatology photograph. The prior is reported; the acute
/// studies await their radiologist's report, so what they show is in their pixels only (the image benchmark asks
/// about them, and the chest-image sample drafts their preliminary report). Draws only from the patient's own
/// imaging stream, so the rest of the record is the same with or without images.
/// </summary>
internal static class ImagingPlanner
{
    private static readonly ChestFinding[] ChestCycle =
        [ChestFinding.PleuralEffusion, ChestFinding.Cardiomegaly, ChestFinding.Pneumonia, ChestFinding.None];

    public static bool HasImaging(int index) => index % 4 == 1;

    public static List<PlannedImage> Plan(int index, IReadOnlyList<Encounter> encounters, SyntheticRandom rng, DateTimeOffset now)
    {
        var planned = new List<PlannedImage>();
        if (!HasImaging(index) || encounters.Count == 0)
            return planned;

        var k = index / 4;
        var finding = ChestCycle[k % ChestCycle.Length];
        var skinOnly = k % 5 == 4;
        if (!skinOnly)
        {
            var acute = encounters.LastOrDefault(e => e.Class?.Code is "EMER" or "IMP") ?? encounters[^1];
            var start = Start(acute);
            if (k % 3 == 0 && encounters.LastOrDefault(e => Start(e) <= start.AddDays(-60)) is { } earlier)
                planned.Add(new PlannedImage(SyntheticImageFindings.ChestXray, earlier, When(earlier, rng, now, 20), ChestFinding.None, default, rng.NextUInt64()));
            var xray = When(acute, rng, now, 20);
            planned.Add(new PlannedImage(SyntheticImageFindings.ChestXray, acute, xray, finding, default, rng.NextUInt64(), Reported: false));
            if (k % 3 == 1)
            {
                var ct = xray.AddMinutes(rng.Next(60, 180));
                planned.Add(new PlannedImage(SyntheticImageFindings.ChestCt, acute, Cap(ct, acute, now), finding, default, rng.NextUInt64(), Reported: false));
            }
        }

        if (skinOnly || k % 2 == 1)
        {
            var visit = encounters.LastOrDefault(e => e.Class?.Code == "AMB") ?? encounters[^1];
            var lesion = (k / 2) % 2 == 0 ? SkinLesion.BenignNevus : SkinLesion.MelanomaSuspicious;
            planned.Add(new PlannedImage(SyntheticImageFindings.SkinPhoto, visit, When(visit, rng, now, 5), default, lesion, rng.NextUInt64()));
        }

        return planned;
    }

    /// <summary>A time within the encounter, some minutes after it began, never after its end or "now".</summary>
    private static DateTimeOffset When(Encounter encounter, SyntheticRandom rng, DateTimeOffset now, int earliestMinutes) =>
        Cap(Start(encounter).AddMinutes(rng.Next(earliestMinutes, earliestMinutes + 90)), encounter, now);

    private static DateTimeOffset Cap(DateTimeOffset time, Encounter encounter, DateTimeOffset now)
    {
        var start = Start(encounter);
        var end = encounter.Period?.End is { } text ? Parse(text) : now;
        var latest = end < now ? end : now.AddMinutes(-5);
        var capped = time < latest ? time : latest;
        return ClinicTime.Minute(capped > start ? capped : start);
    }

    private static DateTimeOffset Start(Encounter encounter) => Parse(encounter.Period!.Start!);

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
