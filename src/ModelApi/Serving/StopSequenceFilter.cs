using System.Text;

namespace ClinicalAgent.ModelApi.Serving;

/// <summary>
/// Ends an answer before the first stop sequence, as text streams: what could still be the start of a stop sequence
/// is held back until the next piece says whether it is one, so no part of a stop sequence is ever sent.
/// </summary>
internal sealed class StopSequenceFilter(IReadOnlyList<string> stops)
{
    private readonly StringBuilder _held = new();
    private readonly int _longest = stops.Count == 0 ? 0 : stops.Max(s => s.Length);

    /// <summary>Whether a stop sequence was found: everything after it is dropped.</summary>
    public bool Stopped { get; private set; }

    /// <summary>The whole text cut before its first stop sequence (for a reply that did not stream).</summary>
    public static (string Text, bool Stopped) Cut(string text, IReadOnlyList<string> stops)
    {
        var cut = stops.Select(s => text.IndexOf(s, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(-1).Min();
        return cut < 0 ? (text, false) : (text[..cut], true);
    }

    /// <summary>Adds a piece; returns what may be sent now.</summary>
    public string Push(string piece)
    {
        if (Stopped)
            return "";
        if (_longest == 0)
            return piece;
        _held.Append(piece);
        var text = _held.ToString();
        var (before, stopped) = Cut(text, stops);
        if (stopped)
        {
            Stopped = true;
            _held.Clear();
            return before;
        }

        var keep = Math.Min(text.Length, _longest - 1);
        _held.Remove(0, text.Length - keep);
        return text[..^keep];
    }

    /// <summary>The reply ended: what is still held.</summary>
    public string Flush()
    {
        var rest = _held.ToString();
        _held.Clear();
        return Stopped ? "" : rest;
    }
}
