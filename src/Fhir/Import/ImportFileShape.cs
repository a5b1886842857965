namespace ClinicalAgent.Fhir.Import;

/// <summary>How an import file holds its resources.</summary>
internal enum ImportFileShape
{
    /// <summary>One resource that is not a Bundle.</summary>
    Resource,

    /// <summary>A Bundle: transaction and batch as such, any other type as a transaction of its entries.</summary>
    Bundle,

    /// <summary>NDJSON, one resource per line (bulk export).</summary>
    Ndjson,
}
