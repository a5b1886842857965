namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>
/// The UTF-8 decoding llama.cpp's grammar applies to a token's piece (<c>decode_utf8</c> in llama-grammar.cpp), as far
/// as the level mask needs it: where a piece leaves the decoder, and whether a piece decodes to whole code points.
/// </summary>
/// <remarks>
/// llama.cpp reads a piece as a C string (it stops at the first byte 0), takes the length of each sequence from its
/// lead byte's high four bits (0–7: one byte, 8–11: invalid, 12–13: two, 14: three, 15: four) and does not check the
/// continuation bytes inside a sequence. Its grammar keeps the bytes still missing from the last sequence
/// (<c>partial_utf8.n_remain</c>) between tokens; -1 marks an invalid sequence.
/// </remarks>
internal static class GrammarUtf8
{
    /// <summary>The length of a sequence by its lead byte's high four bits, zero for a byte that cannot lead one.</summary>
    private static ReadOnlySpan<byte> SequenceLength => [1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 2, 2, 3, 4];

    /// <summary>
    /// Bytes still missing from the last sequence once llama.cpp's grammar has accepted <paramref name="piece"/> with
    /// <paramref name="remaining"/> missing before it: 0 on a code-point boundary, -1 after an invalid sequence.
    /// </summary>
    public static int Remaining(int remaining, ReadOnlySpan<byte> piece)
    {
        var at = 0;
        // The end of the sequence the previous piece began: only continuation bytes (10xxxxxx) are valid.
        while (at < piece.Length && piece[at] != 0 && remaining > 0)
        {
            if (piece[at] >> 6 != 2)
                return -1;
            at++;
            remaining--;
        }

        while (at < piece.Length && piece[at] != 0)
        {
            remaining = SequenceLength[piece[at] >> 4] - 1;
            if (remaining < 0)
                return -1;
            at++;
            while (at < piece.Length && piece[at] != 0 && remaining > 0)
            {
                at++;
                remaining--;
            }
        }

        return remaining;
    }

    /// <summary>
    /// Whether llama.cpp decodes <paramref name="piece"/>, from a code-point boundary, into whole code points that span
    /// all its bytes: no byte 0 (where its decoder stops), no invalid lead byte, no sequence cut short at the end.
    /// </summary>
    public static bool IsWhole(ReadOnlySpan<byte> piece) => piece.IndexOf((byte)0) < 0 && Remaining(0, piece) == 0;
}
