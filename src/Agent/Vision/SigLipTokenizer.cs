using System.Text;
using ClinicalAgent.Agent.Models.Protobuf;
using Microsoft.ML.Tokenizers;

namespace ClinicalAgent.Agent.Vision;

/// <summary>
/// MedSigLIP's text side of the input: the label canonicalised as its processor does (lower-case, ASCII punctuation
/// removed, whitespace collapsed), its SentencePiece Unigram pieces, then <c>&lt;/s&gt;</c> and padding with
/// <c>&lt;/s&gt;</c> (id 1, never 0: SigLIP was trained so) to the text encoder's length.
/// </summary>
internal sealed class SigLipTokenizer
{
    private const string EndOfSentence = "</s>";

    /// <summary>Python's <c>string.punctuation</c>, which the reference processor strips.</summary>
    private const string Punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    private readonly SentencePieceTokenizer _tokenizer;

    private SigLipTokenizer(SentencePieceTokenizer tokenizer, int endOfSentenceId, int maxTokens)
    {
        _tokenizer = tokenizer;
        EndOfSentenceId = endOfSentenceId;
        MaxTokens = maxTokens;
    }

    /// <summary>The id appended after the text and used for padding.</summary>
    public int EndOfSentenceId { get; }

    public int MaxTokens { get; }

    public int VocabularySize => _tokenizer.Vocabulary.Count;

    /// <exception cref="MedSigLipException">The file is missing, not a SentencePiece model, not Unigram, or has no <c>&lt;/s&gt;</c>.</exception>
    public static SigLipTokenizer Load(string path, int maxTokens)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 2);
        if (!File.Exists(path))
            throw new MedSigLipException(path, $"MedSigLIP tokenizer {path} is missing: copy the SentencePiece model (spiece.model) of google/medsiglip-448 there.");
        var (modelType, bosId, eosId) = ReadTrainerSpec(path);
        if (modelType != 1)
            throw new MedSigLipException(path, $"MedSigLIP tokenizer {path} is a SentencePiece {(modelType == 2 ? "BPE" : $"type-{modelType}")} model; MedSigLIP's is Unigram (spiece.model of google/medsiglip-448).");
        SentencePieceTokenizer tokenizer;
        try
        {
            using var stream = new MemoryStream(WithBeginningOfSentence(File.ReadAllBytes(path), bosId, eosId));
            tokenizer = SentencePieceTokenizer.Create(stream, addBeginningOfSentence: false, addEndOfSentence: false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new MedSigLipException(path, $"MedSigLIP tokenizer {path} does not load as a SentencePiece model: {FirstLine(e.Message)}", e);
        }

        if (!tokenizer.Vocabulary.TryGetValue(EndOfSentence, out var eos))
            throw new MedSigLipException(path, $"MedSigLIP tokenizer {path} has no {EndOfSentence} piece, which MedSigLIP appends and pads with.");
        return new SigLipTokenizer(tokenizer, eos, maxTokens);
    }

    /// <summary>The labels' ids, row-major [labels, <see cref="MaxTokens"/>].</summary>
    public long[] Encode(IReadOnlyList<string> labels)
    {
        var ids = new long[labels.Count * MaxTokens];
        for (var row = 0; row < labels.Count; row++)
        {
            var tokens = EncodeOne(labels[row]);
            for (var i = 0; i < MaxTokens; i++)
            {
                ids[row * MaxTokens + i] = i < tokens.Count ? tokens[i] : EndOfSentenceId;
            }
        }

        return ids;
    }

    /// <summary>One label's pieces then <c>&lt;/s&gt;</c>, cut to leave room for it (as the reference truncates), unpadded.</summary>
    public IReadOnlyList<int> EncodeOne(string label)
    {
        var text = Canonicalize(label);
        var pieces = _tokenizer.EncodeToIds(text, addBeginningOfSentence: false, addEndOfSentence: false);
        var tokens = pieces.Take(MaxTokens - 1).ToList();
        tokens.Add(EndOfSentenceId);
        return tokens;
    }

    /// <summary>Lower-case, ASCII punctuation removed (Python's <c>string.punctuation</c>), runs of whitespace as one space, trimmed.</summary>
    public static string Canonicalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.ToLowerInvariant())
        {
            if (Punctuation.Contains(c, StringComparison.Ordinal))
                continue;
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
                builder.Append(' ');
            space = false;
            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>
    /// SigLIP's model, like T5's, has no beginning-of-sentence piece (<c>bos_id</c> −1), which Microsoft.ML.Tokenizers
    /// 2.0 cannot load (it indexes its vocabulary with the id). We never add one, so we let it alias
    /// <c>&lt;/s&gt;</c>: protobuf merges a repeated embedded message, so an appended <c>trainer_spec</c> holding only
    /// bos_id (41) and bos_piece (46) overrides those two fields and leaves the file's other settings as they are.
    /// </summary>
    private static byte[] WithBeginningOfSentence(byte[] model, int bosId, int eosId)
    {
        if (bosId >= 0)
            return model;
        var patch = new ProtoMessageWriter()
            .Message(2, new ProtoMessageWriter().Int32(41, eosId).String(46, EndOfSentence))
            .ToArray();
        return [.. model, .. patch];
    }

    /// <summary>TrainerSpec (ModelProto field 2): model_type (3; absent = UNIGRAM, 1), bos_id (41; default 1), eos_id (42; default 2).</summary>
    private static (int ModelType, int BosId, int EosId) ReadTrainerSpec(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var reader = new ProtoFieldReader(stream);
            (int ModelType, int BosId, int EosId) spec = (1, 1, 2);
            var sawPiece = false;
            while (reader.TryReadTag(out var field, out var wire))
            {
                sawPiece |= field == 1 && wire == 2;
                if (field == 2 && wire == 2)
                {
                    spec = reader.ReadMessage(trainer =>
                    {
                        var read = spec;
                        while (trainer.TryReadTag(out var f, out var w))
                        {
                            switch (f, w)
                            {
                                case (3, 0): read.ModelType = trainer.ReadInt32(); break;
                                case (41, 0): read.BosId = trainer.ReadInt32(); break;
                                case (42, 0): read.EosId = trainer.ReadInt32(); break;
                                default: trainer.Skip(w); break;
                            }
                        }

                        return read;
                    });
                }
                else
                {
                    reader.Skip(wire);
                }
            }

            if (!sawPiece)
                throw new InvalidDataException("no pieces");
            return spec;
        }
        catch (InvalidDataException e)
        {
            throw new MedSigLipException(path, $"MedSigLIP tokenizer {path} is not a SentencePiece model ({e.Message}).", e);
        }
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
