using System.Diagnostics;
using System.Globalization;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Fhir.Synthetic;

namespace ClinicalAgent.Cli;

/// <summary>Fills a store with synthetic patients and remembers the "now" they were generated for and the ground truth of their images.</summary>
public static class Seeding
{
    /// <summary>The store setting holding the ISO "now" of the synthetic data; tools use it as the clinical present.</summary>
    public const string NowSetting = Fhir.IDatasetClock.NowSetting;

    /// <summary>The current time to the minute, so a seed without <c>--now</c> is about today.</summary>
    public static DateTimeOffset DefaultNow()
    {
        var now = DateTimeOffset.UtcNow;
        return new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero);
    }

    public static async Task<int> SeedAsync(IEmbeddedFhirStore store, SyntheticOptions options, CliContext context, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var findings = new List<SyntheticImageFinding>();
        var resources = new SyntheticPatientGenerator(options).Generate(findings);
        var stored = await ProgressReporter.RunAsync(
            context.Error,
            "Seeding",
            progress => store.LoadAsync(resources, progress, cancellationToken)).ConfigureAwait(false);
        await store.SetSettingAsync(NowSetting, options.Now.ToString("o", CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        // The images' ground truth, for the benchmark; the record tools never read settings.
        await store.SetSettingAsync(SyntheticImageFindings.Setting, SyntheticImageFindings.ToJson(findings), cancellationToken).ConfigureAwait(false);
        await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Seeded {options.Patients} patients ({stored:N0} resources, {findings.Count} images, seed {options.Seed}, now {options.Now:o}) into {store.DatabasePath} in {watch.Elapsed.TotalSeconds:F1} s.")).ConfigureAwait(false);
        return stored;
    }
}
