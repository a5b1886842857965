using System.Net;
using System.Text;
using System.Text.Json;
using ClinicalAgent.Fhir.Serialization;

namespace ClinicalAgent.Fhir.Import;

/// <summary>
/// The first pass of an import: reads each file's JSON without the FHIR parser (fast), for what planning needs (types,
/// ids, identifiers, fullUrls, requests) and to name a file of an older FHIR version before it is parsed.
/// </summary>
internal static class ImportScanner
{
    private const int ScanBatch = 256;

    /// <summary>
    /// Scans one file; <paramref name="utf8Lines"/> as <see cref="FhirImportOptions.Utf8Lines"/>, <paramref name="parallel"/>
    /// as <see cref="FhirImportOptions.ParallelScan"/>.
    /// </summary>
    public static ScannedFile Scan(string path, bool utf8Lines = true, bool parallel = true)
    {
        var name = Path.GetFileName(path);
        try
        {
            return path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase)
                ? parallel ? ScanNdjsonParallel(path, name, utf8Lines) : ScanNdjson(path, name, utf8Lines)
                : ScanJson(path, name);
        }
        catch (FhirGatewayException ex)
        {
            return new ScannedFile(path, ImportFileShape.Resource, null, [], ImportErrors.Text(ex)); // its status is added when it is reported
        }
    }

    private static ScannedFile ScanJson(string path, string name)
    {
        using var document = ParseJson(File.ReadAllBytes(path), name);
        var root = document.RootElement;
        CheckR4(root, name);
        if (TypeOf(root) != "Bundle")
        {
            var single = new ScannedFile(path, ImportFileShape.Resource, null, [Item(0, root, null)]);
            CollectConditionals(root, single.Conditionals);
            return single;
        }

        var items = new List<ScannedItem>();
        if (root.TryGetProperty("entry", out var entries) && entries.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var entry in entries.EnumerateArray())
            {
                items.Add(Entry(index++, entry));
            }
        }

        var bundle = new ScannedFile(path, ImportFileShape.Bundle, String(root, "type"), items);
        CollectConditionals(root, bundle.Conditionals);
        return bundle;
    }

    private static ScannedFile ScanNdjson(string path, string name, bool utf8Lines)
    {
        var items = new List<ScannedItem>();
        var conditionals = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, number) in NdjsonLines.Read(path, utf8Lines))
        {
            var where = $"{name} line {number}";
            using var document = ParseJson(line, where);
            CheckR4(document.RootElement, where);
            items.Add(Item(number, document.RootElement, null));
            CollectConditionals(document.RootElement, conditionals);
        }

        var file = new ScannedFile(path, ImportFileShape.Ndjson, null, items);
        file.Conditionals.UnionWith(conditionals);
        return file;
    }

    /// <summary>
    /// <see cref="ScanNdjson"/> with each batch of lines read on all cores: the same items in line order, the same
    /// conditionals (a set, so the order they are found in does not matter) and the same first bad line. The scan was
    /// a serial pass over the whole file before any write began, with one core idle.
    /// </summary>
    private static ScannedFile ScanNdjsonParallel(string path, string name, bool utf8Lines)
    {
        var items = new List<ScannedItem>();
        var conditionals = new HashSet<string>(StringComparer.Ordinal);
        foreach (var batch in NdjsonLines.Read(path, utf8Lines).Chunk(ScanBatch))
        {
            var scanned = new ScannedItem?[batch.Length];
            var errors = new FhirGatewayException?[batch.Length];
            Parallel.For(0, batch.Length, () => new HashSet<string>(StringComparer.Ordinal), (i, _, found) =>
            {
                var (line, number) = batch[i];
                var where = $"{name} line {number}";
                try
                {
                    using var document = ParseJson(line, where);
                    CheckR4(document.RootElement, where);
                    scanned[i] = Item(number, document.RootElement, null);
                    CollectConditionals(document.RootElement, found);
                }
                catch (FhirGatewayException ex)
                {
                    errors[i] = ex;
                }

                return found;
            }, found =>
            {
                lock (conditionals)
                    conditionals.UnionWith(found);
            });

            for (var i = 0; i < batch.Length; i++)
            {
                if (errors[i] is { } error)
                    throw error; // the first bad line in file order, as the serial scan reports it
                items.Add(scanned[i]!);
            }
        }

        var file = new ScannedFile(path, ImportFileShape.Ndjson, null, items);
        file.Conditionals.UnionWith(conditionals);
        return file;
    }

    private static ScannedItem Entry(int index, JsonElement entry)
    {
        var fullUrl = String(entry, "fullUrl");
        var request = entry.TryGetProperty("request", out var r) && r.ValueKind == JsonValueKind.Object ? r : default;
        var method = request.ValueKind == JsonValueKind.Object ? String(request, "method") : null;
        var url = request.ValueKind == JsonValueKind.Object ? String(request, "url") : null;
        var ifNoneExist = request.ValueKind == JsonValueKind.Object ? String(request, "ifNoneExist") : null;
        // A searchset's OperationOutcome about the search is not part of the record.
        var outcome = entry.TryGetProperty("search", out var search) && String(search, "mode") == "outcome";
        if (!outcome && entry.TryGetProperty("resource", out var resource) && resource.ValueKind == JsonValueKind.Object)
        {
            return Item(index, resource, fullUrl) with { Method = method, Url = url, IfNoneExist = ifNoneExist };
        }

        return new ScannedItem(index, null, null, fullUrl, [], method, url, ifNoneExist);
    }

    private static ScannedItem Item(int index, JsonElement resource, string? fullUrl)
    {
        var identifiers = new List<string>();
        if (resource.TryGetProperty("identifier", out var list))
        {
            foreach (var identifier in list.ValueKind == JsonValueKind.Array ? list.EnumerateArray() : Enumerable.Repeat(list, 1))
            {
                if (identifier.ValueKind == JsonValueKind.Object && String(identifier, "system") is { Length: > 0 } system && String(identifier, "value") is { Length: > 0 } value)
                {
                    identifiers.Add($"{system}|{value}");
                }
            }
        }

        return new ScannedItem(index, TypeOf(resource), String(resource, "id"), fullUrl, identifiers);
    }

    private static void CollectConditionals(JsonElement element, HashSet<string> found)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.NameEquals("reference") && property.Value.ValueKind == JsonValueKind.String)
                    {
                        if (property.Value.GetString() is { } text && ReferenceResolver.IsConditional(text))
                        {
                            found.Add(text);
                        }
                    }
                    else
                    {
                        CollectConditionals(property.Value, found);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    CollectConditionals(item, found);
                }

                break;
        }
    }

    private static void CheckR4(JsonElement root, string where)
    {
        if (root.ValueKind != JsonValueKind.Object || TypeOf(root) is null)
        {
            throw Invalid($"Not FHIR JSON in {where}: no resourceType.");
        }

        if (FhirVersionSniffer.Detect(root) is { } version)
        {
            throw Invalid(FhirVersionSniffer.Message(where, version));
        }
    }

    private static JsonDocument ParseJson(byte[] json, string where)
    {
        try
        {
            return JsonDocument.Parse(json.AsMemory(json.Length - FhirJson.WithoutByteOrderMark(json).Length));
        }
        catch (JsonException ex)
        {
            throw Invalid($"Malformed JSON in {where}: {ex.Message}");
        }
    }

    private static string? TypeOf(JsonElement resource) => String(resource, "resourceType");

    private static string? String(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static FhirGatewayException Invalid(string text) =>
        FhirGatewayException.Create(HttpStatusCode.BadRequest, Hl7.Fhir.Model.OperationOutcome.IssueType.Structure, text);
}
