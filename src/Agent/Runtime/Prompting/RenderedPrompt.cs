using Microsoft.Extensions.AI;

namespace ClinicalAgent.Agent.Runtime.Prompting;

/// <summary>
/// A conversation rendered as Gemma turn text, with the images it holds: each image stands in <see cref="Text"/> as
/// <see cref="MediaMarker"/> at its <see cref="RenderedImage.Offset"/>. Only the recorded offsets are images: the same
/// marker typed in a message is text.
/// </summary>
/// <param name="Text">The rendered text.</param>
/// <param name="Images">The images in the order they appear.</param>
public sealed record RenderedPrompt(string Text, IReadOnlyList<RenderedImage> Images)
{
    /// <summary>llama.cpp's default media marker; mtmd writes Gemma's <c>&lt;start_of_image&gt;</c> … <c>&lt;end_of_image&gt;</c> around the image.</summary>
    public const string MediaMarker = "<__media__>";

    /// <summary>
    /// Length of the text every conversation with the same system prompt and tools opens with (the turn header, the
    /// system prompt, the tools block and the separator after them); 0 when there is none. The local runtime keeps the
    /// KV state of this prefix on disk (<c>Model:PrefixCache</c>).
    /// </summary>
    public int SharedPrefixLength { get; init; }
}
