using System.Text;

namespace ClinicalAgent.CdsHooks.Tests.Host;

/// <summary>A text writer the serving command and the test read at once.</summary>
internal sealed class SyncWriter : TextWriter
{
    private readonly StringBuilder _text = new();
    private readonly Lock _gate = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_gate)
            _text.Append(value);
    }

    public override void Write(string? value)
    {
        lock (_gate)
            _text.Append(value);
    }

    public override string ToString()
    {
        lock (_gate)
            return _text.ToString();
    }
}
