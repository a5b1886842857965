namespace ClinicalAgent.Workflows.Triggers;

/// <summary>A bounded set of the keys seen last: the oldest is forgotten when a new one would exceed the capacity.</summary>
internal sealed class RecentKeys(int capacity)
{
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public bool Contains(string key) => _keys.Contains(key);

    public void Add(string key)
    {
        if (!_keys.Add(key))
        {
            return;
        }

        _order.Enqueue(key);
        if (_order.Count > capacity)
        {
            _keys.Remove(_order.Dequeue());
        }
    }
}
