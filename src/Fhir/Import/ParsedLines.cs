using System.Runtime.ExceptionServices;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Import;

/// <summary>
/// A batch of NDJSON lines after the parse and reference rewrite: per line its resource, how many references it kept
/// that resolve to nothing, or the failure to throw when the line's turn comes.
/// </summary>
internal sealed record ParsedLines((byte[] Utf8, int Number)[] Lines, Resource?[] Resources, int[] Kept, ExceptionDispatchInfo?[] Errors);
