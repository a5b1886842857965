namespace ClinicalAgent.Fhir.Search;

/// <summary>A search query checked against the type's parameters, split into criteria and result controls.</summary>
internal sealed class ParsedSearch
{
    public required string ResourceType { get; init; }

    public List<SearchClause> Clauses { get; } = [];

    public List<SortKey> Sort { get; } = [];

    public List<IncludeSpec> Includes { get; } = [];

    /// <summary>The compartment the search is restricted to, or null.</summary>
    public CompartmentFilter? Compartment { get; set; }

    /// <summary>The path of self and next links: the type, or <c>Patient/123/Type</c> in a compartment.</summary>
    public string LinkPath => Compartment is { } c ? $"{c.Type}/{c.Id}/{ResourceType}" : ResourceType;

    public int Count { get; set; }

    public int Offset { get; set; }

    /// <summary>The highest resource row a paged search sees (from its first page's next link); null on a first page.</summary>
    public long? Snapshot { get; set; }

    /// <summary><c>_summary=count</c> or <c>_count=0</c>: only the total.</summary>
    public bool CountOnly { get; set; }

    /// <summary>False for <c>_total=none</c>.</summary>
    public bool WantTotal { get; set; } = true;

    /// <summary>The query as understood, without ignored parameters or paging: the base of self and next links.</summary>
    public required SearchQuery Understood { get; init; }

    /// <summary>Parameters ignored under lenient handling, reported back to the caller.</summary>
    public List<string> Ignored { get; } = [];
}
