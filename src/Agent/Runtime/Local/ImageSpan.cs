namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>
/// Where an image sits in a token sequence: <see cref="Count"/> positions from <see cref="Start"/>, which the token
/// record fills with stand-in tokens (<see cref="PromptImage.StandIn"/>), and the content hash that tells whether a cached
/// image is the same picture. An image is all or nothing in a cache: non-causal attention reads it whole.
/// </summary>
/// <param name="Start">First position of the image's embeddings.</param>
/// <param name="Count">Positions it takes (its tokens: one position each for Gemma 3).</param>
/// <param name="Hash">SHA-256 of its content.</param>
/// <param name="TextOffset">Where its marker stands in the rendered text, for matching a conversation by text.</param>
/// <param name="Image">The request's image, to encode; null in a cache record.</param>
internal sealed record ImageSpan(int Start, int Count, string Hash, int TextOffset, PromptImage? Image = null)
{
    public int End => Start + Count;
}
