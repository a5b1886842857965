using System.Collections.Frozen;
using ClinicalAgent.Fhir.Search;

namespace ClinicalAgent.Fhir.Storage;

/// <summary>
/// The small integer ids that stand for (resource type, parameter) in the index tables. They are kept in the
/// database, so a store written by one SDK version stays readable when the definitions change.
/// </summary>
internal sealed class ParamIds(FrozenDictionary<string, int> ids)
{
    public int this[IndexedSearchParameter parameter] => ids[Key(parameter.ResourceType, parameter.Name)];

    public bool TryGet(string type, string name, out int id) => ids.TryGetValue(Key(type, name), out id);

    public static string Key(string type, string name) => type + "." + name;
}
