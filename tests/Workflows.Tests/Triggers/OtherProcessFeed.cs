using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Storage;

namespace ClinicalAgent.Workflows.Tests.Triggers;

/// <summary>
/// The embedded store's feed as another process sees it: the same changes, but no <see cref="IFhirChangeFeed.Changed"/>
/// event, so a trigger over it finds a write only at its next interval.
/// </summary>
internal sealed class OtherProcessFeed(IFhirChangeFeed inner) : IFhirChangeFeed
{
    public event EventHandler? Changed
    {
        add { }
        remove { }
    }

    public Task<IReadOnlyList<ResourceChange>> ReadChangesAsync(
        long afterSequence, int max = 500, IReadOnlyCollection<string>? types = null, CancellationToken cancellationToken = default) =>
        inner.ReadChangesAsync(afterSequence, max, types, cancellationToken);

    public Task<long> LatestChangeSequenceAsync(IReadOnlyCollection<string>? types = null, CancellationToken cancellationToken = default) =>
        inner.LatestChangeSequenceAsync(types, cancellationToken);
}
