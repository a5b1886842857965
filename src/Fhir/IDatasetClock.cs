namespace ClinicalAgent.Fhir;

/// <summary>
/// The "now" a store's records were written for, when it knows one: a synthetic data set is generated relative
/// to a frozen now (kept as the store setting <see cref="NowSetting"/>), and "the last 24 hours" must mean the
/// same thing whenever it is read.
/// </summary>
public interface IDatasetClock
{
    /// <summary>The store setting that holds the data set's now, as ISO 8601.</summary>
    const string NowSetting = "synthetic.now";

    /// <summary>The data set's now, or null when the store has none (real records: the clock's own time applies).</summary>
    Task<DateTimeOffset?> GetDatasetNowAsync(CancellationToken cancellationToken = default);
}
