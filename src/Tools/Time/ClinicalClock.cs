using ClinicalAgent.Fhir;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.Tools.Time;

/// <summary>
/// The one clock of the tools: <see cref="ClinicalToolsOptions.Now"/> when set, else the store's data-set now
/// (<see cref="IDatasetClock"/>: the embedded store's <c>synthetic.now</c>), else <see cref="TimeProvider"/>. A frozen
/// "now" makes "the last 24 hours" and ages reproducible against a synthetic data set.
/// </summary>
public sealed class ClinicalClock(IOptions<ClinicalToolsOptions> options, IDatasetClock? dataset = null, TimeProvider? timeProvider = null)
{
    /// <summary>The store setting that holds the ISO "now" its synthetic patients were generated for.</summary>
    public const string StoreNowSetting = IDatasetClock.NowSetting;

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private Task<DateTimeOffset?>? _fixed;

    /// <summary>The clinical present.</summary>
    public async Task<DateTimeOffset> GetNowAsync(CancellationToken cancellationToken = default)
    {
        if (options.Value.Now is { } configured)
        {
            return configured;
        }

        // The store's setting does not change while it is open: read it once, not bound to one call's cancellation.
        _fixed ??= ReadStoreNowAsync(CancellationToken.None);
        return await _fixed.ConfigureAwait(false) ?? _time.GetUtcNow();
    }

    /// <summary>Whole years between <paramref name="birthDate"/> and <paramref name="now"/>'s calendar date.</summary>
    public static int AgeInYears(DateOnly birthDate, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.DateTime);
        var age = today.Year - birthDate.Year;
        return birthDate.AddYears(age) > today ? age - 1 : age;
    }

    private async Task<DateTimeOffset?> ReadStoreNowAsync(CancellationToken cancellationToken) =>
        dataset is null ? null : await dataset.GetDatasetNowAsync(cancellationToken).ConfigureAwait(false);
}
