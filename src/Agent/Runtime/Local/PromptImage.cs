using System.Buffers.Binary;
using System.Security.Cryptography;
using ClinicalAgent.Imaging;
using LLama.Native;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>
/// One image of a request: its content, its hash (what cache matching compares), its layout once known, and its
/// mtmd preparation when it has to be encoded. Disposed with the request.
/// </summary>
internal sealed class PromptImage : IDisposable
{
    public PromptImage(int textOffset, DataContent content)
    {
        TextOffset = textOffset;
        Content = content;
        Hash = HashOf(content);
        // A negative id is never a vocabulary token, so a stand-in can never equal a text token.
        StandIn = -1 - (int)(BinaryPrimitives.ReadUInt32LittleEndian(Convert.FromHexString(Hash.AsSpan(0, 8))) & 0x3FFF_FFFF);
    }

    public int TextOffset { get; }

    public DataContent Content { get; }

    /// <summary>SHA-256 of the encoded bytes, or of the size and pixels of a decoded image, in hex.</summary>
    public string Hash { get; }

    /// <summary>The token the record holds at each of the image's positions (derived from the hash).</summary>
    public LLamaToken StandIn { get; }

    public ImageLayout? Layout { get; set; }

    public PreparedImage? Prepared { get; set; }

    /// <summary>The pixels: the raw representation when a caller passed <see cref="ImagePixels"/>, else the decoded bytes.</summary>
    /// <exception cref="ImageDecodeException">The bytes are not an image the decoder reads.</exception>
    public ImagePixels Pixels() => Content.RawRepresentation as ImagePixels
        ?? MedicalImageDecoder.Decode(Content.Data.ToArray(), Content.MediaType);

    public void Dispose()
    {
        Prepared?.Dispose();
        Prepared = null;
    }

    private static string HashOf(DataContent content)
    {
        if (content.RawRepresentation is ImagePixels pixels)
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            Span<byte> size = stackalloc byte[8];
            BinaryPrimitives.WriteInt32LittleEndian(size, pixels.Width);
            BinaryPrimitives.WriteInt32LittleEndian(size[4..], pixels.Height);
            hash.AppendData(size);
            hash.AppendData(pixels.Rgb24);
            return Convert.ToHexString(hash.GetHashAndReset());
        }

        return Convert.ToHexString(SHA256.HashData(content.Data.Span));
    }
}
