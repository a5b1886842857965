using Hl7.Fhir.Model;

namespace ClinicalAgent.Tools.Records;

/// <summary>
/// What a model's <c>code</c> argument selects: FHIR tokens (<c>system|code</c>) the server can search, and names no
/// table knows, matched against each result's code text and displays instead.
/// </summary>
/// <param name="Tokens">Tokens for the <c>code</c> search parameter, each once.</param>
/// <param name="TextTerms">Names matched by display text (any case), when the server cannot search them.</param>
internal sealed record ObservationCodeFilter(IReadOnlyList<string> Tokens, IReadOnlyList<string> TextTerms)
{
    /// <summary>The value of the <c>code</c> search parameter: the tokens, comma-separated (FHIR's OR).</summary>
    public string SearchValue => string.Join(",", Tokens);

    /// <summary>Whether the server can do all the selecting; otherwise results are read wider and matched here.</summary>
    public bool SearchableOnly => TextTerms.Count == 0;

    /// <summary>Whether an observation's code is one of the tokens or its text or a display contains a term.</summary>
    public bool Matches(Observation observation)
    {
        var code = observation.Code;
        if (code is null)
        {
            return false;
        }

        if (code.Coding.Any(c => Tokens.Contains($"{c.System}|{c.Code}", StringComparer.Ordinal)))
        {
            return true;
        }

        var texts = code.Coding.Select(c => c.Display).Append(code.Text).Where(t => !string.IsNullOrWhiteSpace(t)).ToList();
        return TextTerms.Any(term => texts.Any(t => t!.Contains(term, StringComparison.OrdinalIgnoreCase)));
    }
}
