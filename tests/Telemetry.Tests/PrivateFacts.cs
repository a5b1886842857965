using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Search;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Telemetry.Tests;

/// <summary>
/// What must never reach telemetry about one patient, read from the store: the name's parts, the birth date, the
/// text of the notes (each sentence of some length), and the observations' values and strings. <see cref="FoundIn"/>
/// says which of them a list of exported values contains.
/// </summary>
internal sealed partial class PrivateFacts
{
    private PrivateFacts(IReadOnlyList<string> words, IReadOnlyList<string> phrases, IReadOnlyList<string> numbers)
    {
        Words = words;
        Phrases = phrases;
        Numbers = numbers;
    }

    /// <summary>Name parts, matched as whole words (case-insensitive).</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>Birth date, note sentences and text values, matched as substrings (case-insensitive).</summary>
    public IReadOnlyList<string> Phrases { get; }

    /// <summary>Numeric values of observations as the record writes them (at least three characters), matched as whole tokens.</summary>
    public IReadOnlyList<string> Numbers { get; }

    public static async Task<PrivateFacts> ReadAsync(IFhirGateway store, string patientId)
    {
        var patient = (Patient)await store.ReadAsync("Patient", patientId);
        var words = patient.Name.SelectMany(n => n.Given.Append(n.Family).Append(n.Text)).Where(w => w is { Length: >= 2 }).Distinct().ToList();
        var phrases = new List<string> { patient.BirthDate };
        var numbers = new List<string>();

        foreach (var document in await AllAsync<DocumentReference>(store, patientId))
        {
            foreach (var data in document.Content.Select(c => c.Attachment?.Data).OfType<byte[]>())
                phrases.AddRange(Sentence().Split(Encoding.UTF8.GetString(data)).Select(s => s.Trim()).Where(s => s.Length >= 20));
        }

        foreach (var observation in await AllAsync<Observation>(store, patientId))
        {
            foreach (var value in observation.Component.Select(c => c.Value).Prepend(observation.Value))
            {
                switch (value)
                {
                    case Quantity { Value: { } number }:
                        numbers.Add(number.ToString(CultureInfo.InvariantCulture));
                        break;
                    case FhirString { Value: { Length: >= 3 } text }:
                        phrases.Add(text);
                        break;
                    case CodeableConcept { Text: { Length: >= 3 } text }:
                        phrases.Add(text);
                        break;
                }
            }
        }

        return new PrivateFacts(words, phrases.Distinct().ToList(), numbers.Where(n => n.Length >= 3).Distinct().ToList());
    }

    /// <summary>The private facts <paramref name="values"/> contain, each with where it was found.</summary>
    public IReadOnlyList<string> FoundIn(IEnumerable<(string Where, string Value)> values)
    {
        var found = new List<string>();
        foreach (var (where, value) in values)
        {
            var words = WordPattern().Matches(value).Select(m => m.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var tokens = TokenPattern().Matches(value).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
            found.AddRange(Words.Where(words.Contains).Select(w => $"name '{w}' in {where}"));
            found.AddRange(Phrases.Where(p => value.Contains(p, StringComparison.OrdinalIgnoreCase)).Select(p => $"'{p}' in {where}"));
            found.AddRange(Numbers.Where(tokens.Contains).Select(n => $"value {n} in {where}"));
        }

        return found;
    }

    private static async Task<IReadOnlyList<T>> AllAsync<T>(IFhirGateway store, string patientId) where T : Resource
    {
        var bundle = await store.SearchAsync(typeof(T).Name, SearchQuery.Parse($"patient={patientId}&_count=1000"));
        return [.. bundle.Entry.Select(e => e.Resource).OfType<T>()];
    }

    [GeneratedRegex(@"(?<=[.!?;\n])\s+")]
    private static partial Regex Sentence();

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"[A-Za-z0-9]+(?:\.[0-9]+)?")]
    private static partial Regex TokenPattern();
}
