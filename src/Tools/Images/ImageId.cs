using System.Globalization;
using System.Text.RegularExpressions;

namespace ClinicalAgent.Tools.Images;

/// <summary>
/// The id the image tools give an image, as every part of the product spells it: <c>ImagingStudy/{id}#{series}.{instance}</c>
/// (1-based series and instance), <c>Media/{id}</c>, and <c>DocumentReference/{id}#{n}</c> or <c>DiagnosticReport/{id}#{n}</c>
/// for the n-th image attachment (1-based, counting image attachments only).
/// </summary>
internal sealed partial record ImageId(string ResourceType, string ResourceId, int? Series = null, int? Instance = null, int? Attachment = null)
{
    /// <summary>The resource that holds the image, <c>Type/id</c>: what a citation names.</summary>
    public string Resource => $"{ResourceType}/{ResourceId}";

    /// <summary>Reads an id as a model may write it (surrounding spaces allowed).</summary>
    /// <exception cref="ToolArgumentException">Not an image id of the forms above.</exception>
    public static ImageId Parse(string? text, string parameter = "image_id")
    {
        var value = (text ?? "").Trim();
        var match = Pattern().Match(value);
        if (!match.Success)
        {
            throw new ToolArgumentException(
                $"{parameter} '{Shorten(value)}' is not an image id: use one from list_images (ImagingStudy/ID#SERIES.INSTANCE, Media/ID, DocumentReference/ID#N, DiagnosticReport/ID#N).");
        }

        var type = match.Groups["type"].Value;
        var id = match.Groups["id"].Value;
        int? Number(string group) => match.Groups[group].Success ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : null;
        return type switch
        {
            "ImagingStudy" when Number("series") is { } s && Number("instance") is { } i => new ImageId(type, id, Series: s, Instance: i),
            "Media" when !match.Groups["n"].Success && !match.Groups["series"].Success => new ImageId(type, id),
            "DocumentReference" or "DiagnosticReport" when Number("n") is { } n => new ImageId(type, id, Attachment: n),
            _ => throw new ToolArgumentException(type switch
            {
                "ImagingStudy" => $"{parameter} '{Shorten(value)}' needs the series and instance: ImagingStudy/ID#SERIES.INSTANCE, e.g. ImagingStudy/{id}#1.1.",
                "Media" => $"{parameter} '{Shorten(value)}': a Media holds one image, so its id has no '#' part: Media/{id}.",
                _ => $"{parameter} '{Shorten(value)}' needs the attachment number: {type}/ID#N, e.g. {type}/{id}#1.",
            }),
        };
    }

    /// <inheritdoc/>
    public override string ToString() => ResourceType switch
    {
        "ImagingStudy" => $"{Resource}#{Series}.{Instance}",
        "Media" => Resource,
        _ => $"{Resource}#{Attachment}",
    };

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";

    // Numbers are 1-based: a 0 is refused here rather than found missing later.
    [GeneratedRegex(@"^(?<type>ImagingStudy|Media|DocumentReference|DiagnosticReport)/(?<id>[A-Za-z0-9\-\.]{1,64})(#((?<series>[1-9][0-9]{0,5})\.(?<instance>[1-9][0-9]{0,5})|(?<n>[1-9][0-9]{0,5})))?$")]
    private static partial Regex Pattern();
}
