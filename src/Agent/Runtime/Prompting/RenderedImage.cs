using Microsoft.Extensions.AI;

namespace ClinicalAgent.Agent.Runtime.Prompting;

/// <summary>One image of a <see cref="RenderedPrompt"/>.</summary>
/// <param name="Offset">Where its <see cref="RenderedPrompt.MediaMarker"/> starts in the text.</param>
/// <param name="Content">The image: PNG or JPEG bytes, DICOM, or decoded pixels as its raw representation.</param>
public sealed record RenderedImage(int Offset, DataContent Content);
