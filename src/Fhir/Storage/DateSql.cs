using ClinicalAgent.Fhir.Search;

namespace ClinicalAgent.Fhir.Storage;

/// <summary>
/// SQL for one date search value with FHIR's range semantics: the stored value [lo, hi] against the searched
/// range [low, high] of the value's precision (<c>2023-11</c> is the whole month).
/// </summary>
internal sealed class DateSql(SqlParameters parameters, TimeProvider time)
{
    /// <summary>
    /// The exact condition on the columns <paramref name="low"/> and <paramref name="high"/>. Given the parameter's
    /// longest stored span, it also states the bounds on <paramref name="low"/> that the condition implies, so the
    /// (pid, lo) index can serve it: every match has lo ≤ hi ≤ lo + span.
    /// </summary>
    public string Condition(string name, string value, string low, string high, long? maxSpan = null)
    {
        var (prefix, text) = SearchValues.SplitPrefix(value);
        var range = SearchValues.Date(name, text);
        var (pLow, pHigh) = (parameters.Add(range.Low), parameters.Add(range.High));
        var within = $"{low} >= {pLow} AND {high} <= {pHigh}";
        string? Bound(string op, long? bound) => maxSpan is null || bound is null ? null : $"{low} {op} {parameters.Add(bound.Value)}";
        var (exact, implied) = prefix switch
        {
            SearchPrefix.Eq => (within, Bound("<=", range.High)),
            SearchPrefix.Ne => ($"NOT ({within})", null),
            SearchPrefix.Gt => ($"{high} > {pHigh}", Bound(">", Minus(range.High, maxSpan))),
            SearchPrefix.Lt => ($"{low} < {pLow}", null),
            SearchPrefix.Ge => ($"({high} > {pHigh} OR ({within}))", Bound(">=", Minus(range.Low, maxSpan))),
            SearchPrefix.Le => ($"({low} < {pLow} OR ({within}))", Bound("<=", range.High)),
            SearchPrefix.Sa => ($"{low} > {pHigh}", null),
            SearchPrefix.Eb => ($"{high} < {pLow}", Bound("<", range.Low)),
            _ => Approximately(range, low, high, maxSpan),
        };
        return implied is null ? exact : $"{exact} AND {implied}";
    }

    // "Approximately": the ranges overlap once the searched range is widened by a tenth of its distance from now,
    // and by at least a day.
    private (string Exact, string? Implied) Approximately(FhirDateRange range, string low, string high, long? maxSpan)
    {
        var distance = Math.Abs(time.GetUtcNow().ToUnixTimeMilliseconds() - range.Low);
        var margin = (long)Math.Max(TimeSpan.FromDays(1).TotalMilliseconds, distance / 10.0);
        var from = range.Low - margin;
        var exact = $"{low} <= {parameters.Add(range.High + margin)} AND {high} >= {parameters.Add(from)}";
        var lowest = Minus(from, maxSpan);
        return (exact, maxSpan is null || lowest is null ? null : $"{low} >= {parameters.Add(lowest.Value)}");
    }

    // value − span, or null when the span is unbounded (an open period) or the result would underflow.
    private static long? Minus(long value, long? span) =>
        span is not { } s || s == long.MaxValue || value < long.MinValue + s ? null : value - s;
}
