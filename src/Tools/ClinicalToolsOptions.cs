using ClinicalAgent.Tools.Writes;

namespace ClinicalAgent.Tools;

/// <summary>Settings for the clinical record tools the model calls.</summary>
public sealed class ClinicalToolsOptions
{
    /// <summary>
    /// The clinical "now" every tool works from. Null uses the store's <c>synthetic.now</c> setting when the gateway
    /// is an embedded store that has one, else the system clock. Benchmarks freeze it.
    /// </summary>
    public DateTimeOffset? Now { get; set; }

    /// <summary>The most rows a list tool returns when the model asks for no limit (or more than this).</summary>
    public int MaxResults { get; set; } = 50;

    /// <summary>The most characters of a document's text <c>read_document</c> returns.</summary>
    public int MaxDocumentCharacters { get; set; } = 4000;

    /// <summary>The most resources <c>fhir_search</c> returns.</summary>
    public int MaxSearchEntries { get; set; } = 20;

    /// <summary>The most characters of resource JSON <c>fhir_search</c> returns.</summary>
    public int MaxSearchCharacters { get; set; } = 8000;

    /// <summary>The largest stored image file (bytes) the image tools decode; a bigger one is refused, saying so.</summary>
    public long MaxImageBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// The longest side, in pixels, an image is shrunk to before a vision model sees it (MedGemma's encoder reads
    /// 896×896, so more pixels only cost time).
    /// </summary>
    public int MaxImageSide { get; set; } = 896;

    /// <summary>
    /// Whether the write tools may change the record: Deny (default) only shows the proposal, Ask queues it for a
    /// person (<see cref="QueuedApprovalPolicy"/>), Allow writes at once.
    /// </summary>
    public ApprovalMode WriteApproval { get; set; } = ApprovalMode.Deny;
}
