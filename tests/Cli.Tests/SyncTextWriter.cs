using System.Text;

namespace ClinicalAgent.Cli.Tests;

/// <summary>A StringWriter that other threads may read while the command still writes (for <c>serve</c>).</summary>
internal sealed class SyncTextWriter : StringWriter
{
    private readonly Lock _gate = new();

    public override void Write(char value)
    {
        lock (_gate)
        {
            base.Write(value);
        }
    }

    public override void Write(string? value)
    {
        lock (_gate)
        {
            base.Write(value);
        }
    }

    public override Task WriteLineAsync(string? value)
    {
        lock (_gate)
        {
            base.WriteLine(value);
        }

        return Task.CompletedTask;
    }

    public override string ToString()
    {
        lock (_gate)
        {
            return GetStringBuilder().ToString();
        }
    }

    public override Encoding Encoding => Encoding.UTF8;
}
