namespace ClinicalAgent.Fhir.Storage;

/// <summary>Another writer process holds the store (see <see cref="FhirStoreOptions.Writer"/>); the message names it.</summary>
public sealed class StoreInUseException : IOException
{
    public StoreInUseException(string databasePath, string? owner)
        : base(Describe(databasePath, owner))
    {
        DatabasePath = databasePath;
    }

    /// <summary>The store's file.</summary>
    public string DatabasePath { get; }

    // The owner file holds "<pid> <command>".
    private static string Describe(string databasePath, string? owner)
    {
        var space = owner?.IndexOf(' ') ?? -1;
        var who = owner is null ? "another process"
            : space > 0 ? $"process {owner[..space]} ({owner[(space + 1)..]})"
            : $"process {owner}";
        return $"the store {databasePath} is in use by {who}; stop it first, or pass another --db. Readers (fhir get, fhir search, fhir stats) may run beside it.";
    }
}
