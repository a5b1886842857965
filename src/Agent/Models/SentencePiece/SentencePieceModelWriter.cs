using ClinicalAgent.Agent.Models.Protobuf;

namespace ClinicalAgent.Agent.Models.SentencePiece;

/// <summary>
/// Writes a SentencePiece model file (sentencepiece_model.proto's <c>ModelProto</c>): the pieces with their scores
/// and types, a <c>trainer_spec</c> naming the model type and special ids, and a <c>normalizer_spec</c> without a
/// precompiled character map (identity normalisation). Field numbers are the published ones.
/// </summary>
internal sealed class SentencePieceModelWriter
{
    /// <summary><c>TrainerSpec.ModelType</c>: UNIGRAM = 1, BPE = 2.</summary>
    public const int Unigram = 1;

    private readonly List<(string Piece, float Score, SentencePieceType Type)> _pieces = [];

    public int ModelType { get; init; } = Unigram;

    public int UnknownId { get; init; }

    /// <summary>-1 when the model has no beginning-of-sentence piece (T5 and SigLIP have none).</summary>
    public int BeginningOfSentenceId { get; init; } = -1;

    public int EndOfSentenceId { get; init; } = 1;

    public int PaddingId { get; init; } = -1;

    public IReadOnlyList<(string Piece, float Score, SentencePieceType Type)> Pieces => _pieces;

    public SentencePieceModelWriter Add(string piece, float score, SentencePieceType type = SentencePieceType.Normal)
    {
        _pieces.Add((piece, score, type));
        return this;
    }

    public byte[] ToArray()
    {
        var model = new ProtoMessageWriter();
        foreach (var (piece, score, type) in _pieces)
        {
            model.Message(1, new ProtoMessageWriter().String(1, piece).Float(2, score).Int32(3, (int)type));
        }

        var trainer = new ProtoMessageWriter()
            .Int32(3, ModelType)                 // model_type
            .Int32(4, _pieces.Count)             // vocab_size
            .Int32(40, UnknownId)                // unk_id
            .Int32(41, BeginningOfSentenceId)    // bos_id
            .Int32(42, EndOfSentenceId)          // eos_id
            .Int32(43, PaddingId);               // pad_id
        var normalizer = new ProtoMessageWriter()
            .String(1, "identity")               // name
            .Bool(3, true)                       // add_dummy_prefix
            .Bool(4, true)                       // remove_extra_whitespaces
            .Bool(5, true);                      // escape_whitespaces
        return model.Message(2, trainer).Message(3, normalizer).ToArray();
    }

    public void Save(string path) => File.WriteAllBytes(path, ToArray());
}
