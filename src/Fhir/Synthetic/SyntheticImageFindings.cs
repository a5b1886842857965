using System.Text;
using System.Text.Json;

namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>
/// Where the ground truth of generated images is kept and how it is written: the store setting
/// <see cref="Setting"/> (what <c>fhir seed</c> writes) and, beside files written with <c>--out</c>, <see cref="FileName"/>;
/// both hold the same JSON array.
/// </summary>
public static class SyntheticImageFindings
{
    /// <summary>The store setting holding the JSON array.</summary>
    public const string Setting = "synthetic.image-findings";

    /// <summary>The sidecar file written next to an export.</summary>
    public const string FileName = "image-findings.json";

    /// <summary>The kinds of generated image.</summary>
    public const string ChestXray = "chest-xray";

    /// <inheritdoc cref="ChestXray"/>
    public const string ChestCt = "ct-chest";

    /// <inheritdoc cref="ChestXray"/>
    public const string SkinPhoto = "skin-photo";

    /// <summary>The labels of the chest classification task, one per finding and one for none.</summary>
    public static IReadOnlyList<string> ChestLabels { get; } = ["pleural effusion", "cardiomegaly", "pneumonia", "no acute finding"];

    /// <summary>The labels of the skin lesion classification task.</summary>
    public static IReadOnlyList<string> SkinLabels { get; } = ["benign nevus", "melanoma"];

    /// <summary>The findings as a JSON array of <c>{patient, image_id, kind, date, findings, labels, label}</c>.</summary>
    public static string ToJson(IEnumerable<SyntheticImageFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var finding in findings)
            {
                json.WriteStartObject();
                json.WriteString("patient", finding.Patient);
                json.WriteString("image_id", finding.ImageId);
                json.WriteString("kind", finding.Kind);
                json.WriteString("date", finding.Date);
                WriteArray(json, "findings", finding.Findings);
                WriteArray(json, "labels", finding.Labels);
                json.WriteString("label", finding.Label);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads what <see cref="ToJson"/> wrote.</summary>
    /// <exception cref="FormatException">The text is not such an array.</exception>
    public static IReadOnlyList<SyntheticImageFinding> FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            return [.. document.RootElement.EnumerateArray().Select(e => new SyntheticImageFinding(
                Text(e, "patient"), Text(e, "image_id"), Text(e, "kind"), Text(e, "date"),
                Strings(e, "findings"), Strings(e, "labels"), Text(e, "label")))];
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new FormatException($"Not a {Setting} array: {e.Message}", e);
        }
    }

    private static void WriteArray(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
            json.WriteStringValue(value);
        json.WriteEndArray();
    }

    private static string Text(JsonElement element, string name) => element.GetProperty(name).GetString() ?? "";

    private static string[] Strings(JsonElement element, string name) =>
        [.. element.GetProperty(name).EnumerateArray().Select(v => v.GetString() ?? "")];
}
