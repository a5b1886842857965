namespace ClinicalAgent.Tools.Results;

/// <summary>
/// One image of the record (<c>list_images</c>): its id for describe_image / classify_image / compare_images, what it
/// is, the resource it is in, its content type, its size in pixels (<c>width×height</c>) and its file's size in bytes
/// when the record says.
/// </summary>
internal sealed record ImageRow(string Id, string? Date, string? Modality, string? BodySite, string? Title, string Source, string? Type, string? Size, long? Bytes);
