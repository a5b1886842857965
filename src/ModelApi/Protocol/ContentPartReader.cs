using System.Text.Json;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.ModelApi.Protocol;

/// <summary>
/// Reads a message's <c>content</c>: a string, or parts <c>{"type": "text", "text"}</c> and
/// <c>{"type": "image_url", "image_url": {"url": "data:image/png;base64,…"}}</c>. Images are taken only as
/// <c>data:</c> URLs: this server fetches nothing, so patient images never leave for, or come from, another host.
/// </summary>
internal static class ContentPartReader
{
    private static readonly string[] ImageTypes = ["image/png", "image/jpeg", "application/dicom"];

    /// <summary>The contents; a refused part fails naming its place (<c>messages[1].content[0].image_url.url</c>).</summary>
    public static List<AIContent> Read(JsonElement message, string path, bool allowImages)
    {
        var content = JsonFields.Optional(message, "content")
            ?? throw ModelApiException.BadField($"{path}.content", $"'{path}.content' is required.");
        if (content.ValueKind == JsonValueKind.String)
            return [new TextContent(content.GetString())];
        JsonFields.Array(content, $"{path}.content");
        var parts = new List<AIContent>();
        var index = 0;
        foreach (var part in content.EnumerateArray())
        {
            var at = $"{path}.content[{index}]";
            JsonFields.Object(part, at);
            var type = JsonFields.RequiredString(part, "type", $"{at}.type");
            parts.Add(type switch
            {
                "text" => new TextContent(JsonFields.String(part, "text", $"{at}.text") ?? ""),
                "image_url" when allowImages => Image(part, at),
                "image_url" => throw ModelApiException.BadField($"{at}.type", $"'{at}': images are accepted in user messages only."),
                _ => throw ModelApiException.BadField($"{at}.type", $"'{at}.type' must be text or image_url, not '{type}'."),
            });
            index++;
        }

        return parts;
    }

    private static DataContent Image(JsonElement part, string path)
    {
        var imageUrl = JsonFields.Optional(part, "image_url") is { } i ? i
            : throw ModelApiException.BadField($"{path}.image_url", $"'{path}.image_url' is required.");
        var url = imageUrl.ValueKind == JsonValueKind.String ? imageUrl.GetString()! : JsonFields.RequiredString(imageUrl, "url", $"{path}.image_url.url");
        var at = $"{path}.image_url.url";
        if (!url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
            throw ModelApiException.BadField(at, $"'{at}' must be a data: URL (data:image/png;base64,...): this server fetches no remote images.");
        DataContent image;
        try
        {
            image = new DataContent(url);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw ModelApiException.BadField(at, $"'{at}' is not a valid base64 data: URL.");
        }

        if (!ImageTypes.Contains(image.MediaType, StringComparer.OrdinalIgnoreCase))
            throw ModelApiException.BadField(at, $"'{at}' has media type '{image.MediaType}'; accepted: {string.Join(", ", ImageTypes)}.");
        return image;
    }
}
