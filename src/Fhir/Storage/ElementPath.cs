using System.Globalization;
using System.Text;

namespace ClinicalAgent.Fhir.Storage;

/// <summary>
/// Where a walk of a resource is (<c>Observation.component[1].valueQuantity</c>), kept as a stack of element names and
/// list positions and spelled out only when asked: the reference check names a path only for an error, and building
/// the text of every element's path was a string per element of every stored resource.
/// </summary>
internal sealed class ElementPath(string root)
{
    private readonly List<(string Name, int Index)> _segments = [];

    /// <summary>Steps into element <paramref name="name"/>, at <paramref name="index"/> of its list (-1 for a single element).</summary>
    public void Push(string name, int index = -1) => _segments.Add((name, index));

    public void Pop() => _segments.RemoveAt(_segments.Count - 1);

    public override string ToString()
    {
        var text = new StringBuilder(root);
        foreach (var (name, index) in _segments)
        {
            text.Append('.').Append(name);
            if (index >= 0)
                text.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
        }

        return text.ToString();
    }
}
