using LLama.Native;

namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>
/// The tokens mtmd puts around an image and the positions the image takes: for Gemma 3 <c>&lt;start_of_image&gt;</c>,
/// the image's 256 embeddings (16 for the tiny projector), <c>&lt;end_of_image&gt;</c>. Known per image content, so a
/// prompt whose images are already cached is tokenized without decoding them again.
/// </summary>
internal sealed record ImageLayout(IReadOnlyList<LLamaToken> Before, int Positions, IReadOnlyList<LLamaToken> After);
