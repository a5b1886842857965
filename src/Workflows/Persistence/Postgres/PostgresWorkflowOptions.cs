namespace ClinicalAgent.Workflows.Persistence.Postgres;

/// <summary>How to reach the PostgreSQL workflow database (<c>Workflows:Postgres:*</c>).</summary>
public sealed class PostgresWorkflowOptions
{
    /// <summary>An Npgsql connection string (<c>Host=…;Database=…;Username=…</c>). Prefer
    /// <see cref="ConnectionStringVariable"/> when it carries a password, so the password stays out of settings files.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The name of an environment variable holding the connection string, read when <see cref="ConnectionString"/> is not set.</summary>
    public string? ConnectionStringVariable { get; set; }

    /// <summary>The connection string from the setting or the variable it names; fails saying which is missing.</summary>
    public string Resolve()
    {
        if (ConnectionString is { Length: > 0 } direct)
            return direct;
        if (ConnectionStringVariable is { Length: > 0 } name)
        {
            return Environment.GetEnvironmentVariable(name) is { Length: > 0 } fromEnvironment
                ? fromEnvironment
                : throw new WorkflowStoreException($"Workflows:Store is postgres, but the environment variable {name} (Workflows:Postgres:ConnectionStringVariable) is not set.");
        }

        throw new WorkflowStoreException("Workflows:Store is postgres, but neither Workflows:Postgres:ConnectionString nor Workflows:Postgres:ConnectionStringVariable is set.");
    }
}
