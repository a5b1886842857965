using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Storage;

/// <summary>
/// Resources of a bulk load on their way to the writer: prepared (JSON, index rows, versions known), or, when
/// <see cref="Prepared"/> is null, to be written one by one because the chunk holds a resource the load already
/// carried (its versions must follow each other).
/// </summary>
internal sealed record LoadChunk(Resource[] Resources, PreparedWrite[]? Prepared);
