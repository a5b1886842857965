using System.Text;
using ClinicalAgent.Agent.Runtime.Prompting;
using LLama;
using LLama.Native;

namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>
/// Tokenizes rendered prompts: the text between images with the model's tokenizer (control tokens parsed, one BOS at
/// the start), each image as the tokens mtmd writes around it and one stand-in token per image position.
/// </summary>
internal sealed class PromptTokenizer(LLamaWeights weights, VisionProjector? projector)
{
    /// <summary>Tokenizes a prompt without images.</summary>
    public IReadOnlyList<LLamaToken> Tokenize(string text) =>
        weights.Tokenize(text, !text.StartsWith("<bos>", StringComparison.Ordinal), special: true, Encoding.UTF8);

    /// <summary>Tokenizes <paramref name="rendered"/>; its new images are decoded and preprocessed here.</summary>
    /// <exception cref="ImageInputException">It holds an image but no projector is loaded, or an image cannot be read.</exception>
    public PromptInput Tokenize(RenderedPrompt rendered)
    {
        if (rendered.Images.Count == 0)
            return new PromptInput(rendered.Text, Tokenize(rendered.Text));
        if (projector is null)
            throw new ImageInputException(
                "The request holds an image but the local model has no vision projector: set Model:MmprojPath (--mmproj) to the model's mmproj GGUF.");
        var images = rendered.Images.Select(i => new PromptImage(i.Offset, i.Content)).ToList();
        try
        {
            var whole = Tail(rendered.Text, images, 0, 0);
            return new PromptInput(rendered.Text, whole.Tokens) { Images = whole.Images };
        }
        catch
        {
            images.ForEach(i => i.Dispose());
            throw;
        }
    }

    /// <summary>The tokens of <paramref name="prompt"/>'s text from <paramref name="textOffset"/> on, numbered from
    /// <paramref name="position"/>, reusing the prompt's prepared images.</summary>
    public PromptTail TokenizeFrom(PromptInput prompt, int textOffset, int position)
    {
        var images = prompt.Images.Where(i => i.TextOffset >= textOffset).Select(i => i.Image!).ToList();
        return Tail(prompt.Text, images, textOffset, position);
    }

    private PromptTail Tail(string text, IReadOnlyList<PromptImage> images, int from, int position)
    {
        var tokens = new List<LLamaToken>();
        var spans = new List<ImageSpan>();
        var cursor = from;
        foreach (var image in images.Where(i => i.TextOffset >= from).OrderBy(i => i.TextOffset))
        {
            tokens.AddRange(Segment(text[cursor..image.TextOffset], bos: cursor == 0));
            var layout = image.Layout ?? projector!.LayoutOf(image);
            tokens.AddRange(layout.Before);
            spans.Add(new ImageSpan(position + tokens.Count, layout.Positions, image.Hash, image.TextOffset, image));
            tokens.AddRange(Enumerable.Repeat(image.StandIn, layout.Positions));
            tokens.AddRange(layout.After);
            cursor = image.TextOffset + RenderedPrompt.MediaMarker.Length;
        }

        tokens.AddRange(Segment(text[cursor..], bos: cursor == 0));
        return new PromptTail(tokens, spans);
    }

    private IReadOnlyList<LLamaToken> Segment(string text, bool bos)
    {
        var addBos = bos && !text.StartsWith("<bos>", StringComparison.Ordinal);
        return text.Length == 0 && !addBos ? [] : weights.Tokenize(text, addBos, special: true, Encoding.UTF8);
    }
}
