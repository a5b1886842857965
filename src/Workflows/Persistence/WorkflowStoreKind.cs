namespace ClinicalAgent.Workflows.Persistence;

/// <summary>Where workflow state lives (<c>Workflows:Store</c>).</summary>
public enum WorkflowStoreKind
{
    /// <summary>A SQLite file beside the FHIR store: one machine (the default).</summary>
    Sqlite,

    /// <summary>A PostgreSQL database shared by several <c>serve</c> nodes, with Quartz's clustered job store in it.</summary>
    Postgres,
}
