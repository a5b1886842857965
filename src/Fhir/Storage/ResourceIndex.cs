namespace ClinicalAgent.Fhir.Storage;

/// <summary>Every search-index row of one resource, plus the local references it makes (for integrity checks).</summary>
internal sealed class ResourceIndex
{
    public List<TokenRow> Tokens { get; } = [];

    public List<StringRow> Strings { get; } = [];

    public List<DateRow> Dates { get; } = [];

    public List<ReferenceRow> References { get; } = [];

    public List<NumberRow> Numbers { get; } = [];
}
