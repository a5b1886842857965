namespace ClinicalAgent.Evaluation.Tasks;

/// <summary>
/// An MRN as a busy clinician mistypes it: two neighbouring digits of a real MRN swapped (else one digit changed), such
/// that no patient in the record has it. The instruction then names a patient who does not exist.
/// </summary>
internal static class MrnTypo
{
    /// <summary>A near miss of <paramref name="mrn"/> that is none of <paramref name="known"/>.</summary>
    /// <exception cref="InvalidOperationException">Every near miss is a known MRN (a record of nearly every number).</exception>
    public static string NearMiss(string mrn, IReadOnlySet<string> known, Random random)
    {
        var candidates = Transpositions(mrn).ToList();
        var start = candidates.Count == 0 ? 0 : random.Next(candidates.Count);
        for (var i = 0; i < candidates.Count; i++)
        {
            var candidate = candidates[(start + i) % candidates.Count];
            if (!known.Contains(candidate))
                return candidate;
        }

        foreach (var candidate in OneDigitChanged(mrn))
        {
            if (!known.Contains(candidate))
                return candidate;
        }

        throw new InvalidOperationException($"Every near miss of MRN {mrn} belongs to a patient; no unknown MRN to ask about.");
    }

    private static IEnumerable<string> Transpositions(string mrn)
    {
        for (var i = 0; i + 1 < mrn.Length; i++)
        {
            if (char.IsAsciiDigit(mrn[i]) && char.IsAsciiDigit(mrn[i + 1]) && mrn[i] != mrn[i + 1])
            {
                var chars = mrn.ToCharArray();
                (chars[i], chars[i + 1]) = (chars[i + 1], chars[i]);
                yield return new string(chars);
            }
        }
    }

    private static IEnumerable<string> OneDigitChanged(string mrn)
    {
        for (var i = mrn.Length - 1; i >= 0; i--)
        {
            if (!char.IsAsciiDigit(mrn[i]))
                continue;
            for (var digit = '0'; digit <= '9'; digit++)
            {
                if (digit == mrn[i])
                    continue;
                var chars = mrn.ToCharArray();
                chars[i] = digit;
                yield return new string(chars);
            }
        }
    }
}
