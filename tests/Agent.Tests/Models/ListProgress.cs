namespace ClinicalAgent.Agent.Tests.Models;

/// <summary>Keeps every report synchronously (unlike <see cref="Progress{T}"/>, which posts them later).</summary>
internal sealed class ListProgress<T> : IProgress<T>
{
    private readonly List<T> _reports = [];

    public IReadOnlyList<T> Reports
    {
        get
        {
            lock (_reports)
            {
                return [.. _reports];
            }
        }
    }

    public void Report(T value)
    {
        lock (_reports)
        {
            _reports.Add(value);
        }
    }
}
