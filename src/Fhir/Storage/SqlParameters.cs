namespace ClinicalAgent.Fhir.Storage;

/// <summary>The values of one SQL statement under generated names ($p0, $p1, …), so no value is ever spliced into SQL.</summary>
internal sealed class SqlParameters
{
    private readonly List<KeyValuePair<string, object?>> _values = [];

    public IReadOnlyList<KeyValuePair<string, object?>> Values => _values;

    /// <summary>Adds a value and returns its name to write into the SQL.</summary>
    public string Add(object? value)
    {
        var name = "$p" + _values.Count;
        _values.Add(new(name, value));
        return name;
    }
}
