using System.Text.Json;

namespace ClinicalAgent.Evaluation.Grading.Official;

/// <summary>The official graders' loops over a lab search: the newest entry (optionally at or after a cutoff), and
/// the double-precision mean of a window.</summary>
internal static class LabSelection
{
    /// <summary>The newest entry by <c>effective_time &gt; last_meas</c> (the first of equal times wins); every entry's
    /// value is read first, as the loop does, so one without a value raises even outside the window.</summary>
    public static (JsonElement Value, string Time, PyDateTime When)? Latest(IReadOnlyList<OfficialObservation> entries, PyDateTime? since)
    {
        (JsonElement Value, string Time, PyDateTime When)? latest = null;
        foreach (var entry in entries)
        {
            var when = entry.Effective;
            var value = entry.ValueOrRaise;
            if (since is { } cutoff && PyDateTime.Compare(when, cutoff) < 0)
                continue;
            if (latest is null || PyDateTime.Compare(when, latest.Value.When) > 0)
                latest = (value, entry.EffectiveDateTime!, when);
        }

        return latest;
    }

    /// <summary><c>glu_sum / glu_count</c> over the entries at or after <paramref name="since"/>, summed in the
    /// server's order as doubles; null when there are none.</summary>
    public static double? Mean(IReadOnlyList<OfficialObservation> entries, PyDateTime since)
    {
        double sum = 0, count = 0;
        foreach (var entry in entries)
        {
            var when = entry.Effective;
            var value = entry.ValueOrRaise;
            if (PyDateTime.Compare(when, since) >= 0)
            {
                sum += PyJson.Number(value);
                count += 1;
            }
        }

        return count == 0 ? null : sum / count;
    }
}
