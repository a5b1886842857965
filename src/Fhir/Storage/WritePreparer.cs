using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Serialization;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Storage;

/// <summary>
/// The part of a write that needs no database: the id check, meta, JSON, index rows and local references of a
/// resource. Thread-safe, so a bulk load prepares on all cores and commits in order.
/// </summary>
internal sealed partial class WritePreparer(SearchIndexer indexer, TimeProvider time, bool utf8Json = true, bool lazyReferencePaths = true)
{
    /// <summary>The resource's id; fails with 400 unless it is a valid FHIR id.</summary>
    public static string CheckedId(Resource resource)
    {
        if (string.IsNullOrEmpty(resource.Id) || !IdPattern().IsMatch(resource.Id))
        {
            throw FhirGatewayException.BadRequest($"{resource.TypeName} id '{resource.Id}' is not a valid FHIR id (1–64 of A-Z a-z 0-9 - .).", $"{resource.TypeName}.id");
        }

        return resource.Id;
    }

    /// <summary>The write of <paramref name="resource"/> as its next version after <paramref name="current"/>; the resource gets its meta.</summary>
    public PreparedWrite Prepare(Resource resource, (long Rid, int Version)? current)
    {
        ReferenceSyntax.Check(resource, lazyReferencePaths);
        var version = (current?.Version ?? 0) + 1;
        var now = time.GetUtcNow();
        var stamp = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        resource.Meta ??= new Meta();
        resource.Meta.VersionId = version.ToString(CultureInfo.InvariantCulture);
        resource.Meta.LastUpdated = stamp;
        // Serialized once, to the UTF-8 that the reference scan reads and SQLite stores; utf8Json false keeps the
        // string and its scan of before for the store-load benchmark's comparison.
        byte[] json;
        List<(string Path, string Reference)> scanned;
        if (utf8Json)
        {
            json = FhirJson.SerializeToBytes(resource);
            scanned = ReferenceScanner.Scan(resource.TypeName, json);
        }
        else
        {
            var text = FhirJson.Serialize(resource);
            scanned = ReferenceScanner.Scan(resource.TypeName, text);
            json = Encoding.UTF8.GetBytes(text);
        }

        var key = resource.TypeName + "/" + resource.Id;
        var references = new List<(string Path, string Type, string Id)>();
        foreach (var (path, reference) in scanned)
        {
            if (!reference.Contains("://", StringComparison.Ordinal) && ReferenceText.TryParseLocal(reference, out var targetType, out var targetId))
            {
                references.Add((path, targetType, targetId));
            }
            else if (reference.StartsWith("urn:", StringComparison.Ordinal) || reference.Contains('?', StringComparison.Ordinal))
            {
                throw FhirGatewayException.Create(HttpStatusCode.UnprocessableEntity, OperationOutcome.IssueType.Processing,
                    $"{key}: {path} refers to '{reference}', which does not resolve to a stored resource.", path);
            }
        }

        return new PreparedWrite(resource, current, version, stamp.ToUnixTimeMilliseconds(), json, indexer.Index(resource), references);
    }

    [GeneratedRegex(@"^[A-Za-z0-9\-\.]{1,64}$")]
    private static partial Regex IdPattern();
}
