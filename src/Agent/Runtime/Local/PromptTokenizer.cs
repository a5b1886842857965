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

    /// <summary>
    /// How many leading tokens of <paramref name="input"/> stand for <paramref name="rendered"/>'s shared prefix (system
    /// prompt and tools): the prefix text is tokenized alone and only the tokens the whole prompt starts with count, so a
    /// token the question's first characters merge with is left out. At least one token is left after it, for sampling;
    /// 0 when an image lies inside the prefix (images are not cached).
    /// </summary>
    public int SharedPrefix(RenderedPrompt rendered, PromptInput input)
    {
        var length = rendered.SharedPrefixLength;
        if (length <= 0 || length > rendered.Text.Length || rendered.Images.Any(i => i.Offset < length))
            return 0;
        var prefix = Tokenize(rendered.Text[..length]);
        var tokens = input.Tokens;
        var n = Math.Min(prefix.Count, tokens.Count - 1);
        var i = 0;
        while (i < n && prefix[i] == tokens[i])
            i++;
        return i;
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
