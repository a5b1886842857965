using Microsoft.Extensions.AI;

namespace ClinicalAgent.Agent.Runtime;

/// <summary>Which contents of a message are images a vision model is given.</summary>
internal static class ImageContents
{
    /// <summary>An image <see cref="DataContent"/>: <c>image/*</c> (PNG, JPEG) or <c>application/dicom</c>.</summary>
    public static bool IsImage(AIContent content) =>
        content is DataContent data && (data.HasTopLevelMediaType("image") || string.Equals(data.MediaType, "application/dicom", StringComparison.OrdinalIgnoreCase));

    /// <summary>The images a tool result holds: the result itself, or the image items of a list of contents.</summary>
    public static IEnumerable<DataContent> InResult(FunctionResultContent result) => result.Result switch
    {
        DataContent data when IsImage(data) => [data],
        IEnumerable<AIContent> contents => contents.Where(IsImage).Cast<DataContent>(),
        _ => [],
    };
}
