namespace ClinicalAgent.Agent.Models.SentencePiece;

/// <summary>A piece's type in sentencepiece_model.proto (<c>ModelProto.SentencePiece.Type</c>).</summary>
internal enum SentencePieceType
{
    Normal = 1,
    Unknown = 2,
    Control = 3,
    UserDefined = 4,
    Unused = 5,
    Byte = 6,
}
