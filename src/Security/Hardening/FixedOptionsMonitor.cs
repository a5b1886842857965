using Microsoft.Extensions.Options;

namespace ClinicalAgent.Security.Hardening;

/// <summary>Options that never change, for a middleware built with options of its own rather than the host's.</summary>
internal sealed class FixedOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
