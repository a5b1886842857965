using System.Text;

namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>
/// Decides, while a reply streams, which text the caller may see now: thinking spans are held back,
/// a reply that opens with <c>{</c> (a tool call, when tools are offered) is buffered for parsing at
/// the end, and the answer is trimmed exactly as <see cref="ReplyParser"/> trims it, so the streamed
/// pieces concatenate to the non-streaming answer.
/// </summary>
internal sealed class ReplyStreamSplitter(bool toolCallsPossible)
{
    private static readonly (string Start, string End)[] Spans =
    [
        (ReplyProtocol.ThoughtStart, ReplyProtocol.ThoughtEnd),
        ("<think>", "</think>"),
    ];

    private readonly StringBuilder _buffer = new();
    private readonly StringBuilder _heldWhitespace = new();
    private string? _spanEnd;
    private bool _started;

    /// <summary>Whether the reply turned out to be a tool-calls object.</summary>
    public bool IsToolCall { get; private set; }

    /// <summary>Adds decoded text; returns the answer text that can be shown now.</summary>
    public string Push(string piece)
    {
        _buffer.Append(piece);
        return Drain(final: false);
    }

    /// <summary>The reply ended: returns the answer text still held (never trailing whitespace).</summary>
    public string Complete() => Drain(final: true);

    private string Drain(bool final)
    {
        var output = new StringBuilder();
        while (_buffer.Length > 0)
        {
            var text = _buffer.ToString();
            if (_spanEnd is not null)
            {
                var end = text.IndexOf(_spanEnd, StringComparison.Ordinal);
                if (end < 0)
                {
                    // Keep only what could begin the end delimiter; the span body itself is not shown.
                    var keep = Math.Min(text.Length, _spanEnd.Length - 1);
                    _buffer.Remove(0, text.Length - keep);
                    if (final)
                        _buffer.Clear();
                    break;
                }

                _buffer.Remove(0, end + _spanEnd.Length);
                _spanEnd = null;
                continue;
            }

            var (start, span) = FirstSpan(text);
            if (start >= 0)
            {
                Show(text[..start], output);
                _buffer.Remove(0, start + span.Start.Length);
                _spanEnd = span.End;
                continue;
            }

            var hold = final ? text.Length : PossibleSpanStart(text);
            Show(text[..hold], output);
            _buffer.Remove(0, hold);
            break;
        }

        return output.ToString();
    }

    private void Show(string visible, StringBuilder output)
    {
        foreach (var c in visible)
        {
            if (IsToolCall)
                return;
            if (!_started)
            {
                if (char.IsWhiteSpace(c))
                    continue;
                _started = true;
                if (c == '{' && toolCallsPossible)
                {
                    IsToolCall = true;
                    return;
                }
            }

            if (char.IsWhiteSpace(c))
            {
                _heldWhitespace.Append(c);
                continue;
            }

            output.Append(_heldWhitespace).Append(c);
            _heldWhitespace.Clear();
        }
    }

    private static (int Index, (string Start, string End) Span) FirstSpan(string text)
    {
        var best = (Index: -1, Span: Spans[0]);
        foreach (var span in Spans)
        {
            var i = text.IndexOf(span.Start, StringComparison.Ordinal);
            if (i >= 0 && (best.Index < 0 || i < best.Index))
                best = (i, span);
        }

        return best;
    }

    /// <summary>Where a thinking delimiter might be starting at the end of the text (the length otherwise).</summary>
    private static int PossibleSpanStart(string text)
    {
        var lt = text.LastIndexOf('<');
        if (lt < 0)
            return text.Length;
        var tail = text.AsSpan(lt);
        foreach (var span in Spans)
        {
            if (span.Start.AsSpan().StartsWith(tail, StringComparison.Ordinal))
                return lt;
        }

        return text.Length;
    }
}
