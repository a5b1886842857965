using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Import;

/// <summary>
/// A Bundle file after its parse and plan, ready to send: the file's own Bundle, the entries as sent (each at its
/// planned id, references rewritten; a skipped one as a read), the file's entry number of each sent one, the batch
/// entries that failed already, and the references kept that resolve to nothing.
/// </summary>
internal sealed record PreparedBundle(Bundle Source, Bundle Outgoing, IReadOnlyList<int> Origins, IReadOnlyList<string> Failed, int Kept)
{
    public bool IsBatch => Outgoing.Type == Bundle.BundleType.Batch;
}
