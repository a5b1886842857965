using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Storage;

/// <summary>A resource ready to be committed: its new version, JSON (UTF-8, as SQLite stores it), index rows and local references.</summary>
internal sealed record PreparedWrite(
    Resource Resource,
    (long Rid, int Version)? Current,
    int Version,
    long LastUpdated,
    byte[] Utf8Json,
    ResourceIndex Index,
    IReadOnlyList<(string Path, string Type, string Id)> References);
