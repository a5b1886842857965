using System.Net;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Storage;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace ClinicalAgent.Fhir.Import;

/// <summary>
/// Rewrites the references of an imported resource to the planned <c>Type/id</c>s: a fullUrl of the same file
/// (Synthea's <c>urn:uuid</c>), an original <c>Type/id</c> whose resource got another id, and a conditional
/// reference (<c>Practitioner?identifier=…|9999950899</c>) that matches exactly one resource in the store or the
/// import. A reference to nothing fails the file (strict) or is kept as a logical reference and counted (lenient).
/// </summary>
internal sealed class ReferenceResolver(IFhirGateway gateway, ImportPlanner planner, ReferenceMode mode)
{
    private const string Lenient = "pass --references lenient to keep such references as written";

    private readonly Dictionary<string, IReadOnlyList<string>> _conditional = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FhirGatewayException> _failed = new(StringComparer.Ordinal);

    /// <summary>
    /// Resolves every conditional reference of the import once, before anything is written: against the store as it
    /// was and the import's planned resources.
    /// </summary>
    public async Task PrepareAsync(IEnumerable<string> conditionals, CancellationToken cancellationToken)
    {
        foreach (var text in conditionals)
        {
            if (_conditional.ContainsKey(text) || _failed.ContainsKey(text))
            {
                continue;
            }

            try
            {
                _conditional[text] = await MatchesAsync(text, cancellationToken).ConfigureAwait(false);
            }
            catch (FhirGatewayException ex)
            {
                _failed[text] = ex; // an unknown type or search parameter fails the files that hold it, not the import
            }
        }
    }

    /// <summary>Rewrites <paramref name="resource"/> in place; returns how many references it kept that resolve to nothing.</summary>
    public int Rewrite(Resource resource, FilePlan file)
    {
        var references = new List<ResourceReference>();
        ReferenceWalker.Visit(resource, references.Add);
        var kept = 0;
        foreach (var reference in references)
        {
            if (reference.Reference is not { Length: > 0 } text || text.StartsWith('#'))
            {
                continue;
            }

            if (file.FullUrls.TryGetValue(text, out var target) || planner.Originals.TryGetValue(text, out target))
            {
                reference.Reference = target;
            }
            else if (IsConditional(text))
            {
                if (_failed.TryGetValue(text, out var failure))
                {
                    throw FhirGatewayException.Create(failure.Status, OperationOutcome.IssueType.Invalid, $"The conditional reference {text}: {ImportErrors.Text(failure)}");
                }

                // Scanned and prepared with the file; a reference the scan could not see (none known) resolves to nothing.
                var matches = _conditional.GetValueOrDefault(text) ?? [];
                if (matches.Count == 1)
                {
                    reference.Reference = matches[0];
                }
                else if (matches.Count > 1)
                {
                    throw FhirGatewayException.Create(HttpStatusCode.PreconditionFailed, OperationOutcome.IssueType.MultipleMatches,
                        $"The conditional reference {text} matches {matches.Count} resources ({string.Join(", ", matches.Take(3))}); it must match exactly one.");
                }
                else
                {
                    kept += Keep(reference, text, $"The conditional reference {text} matches no resource in the store or the imported files; import the files it refers to with it (Synthea's practitionerInformation*.json and hospitalInformation*.json), or {Lenient}.");
                }
            }
            else if (text.StartsWith("urn:", StringComparison.Ordinal) && !file.LeftToStore.Contains(text))
            {
                kept += Keep(reference, text, $"The reference {text} names no entry of this file; {Lenient}.");
            }
        }

        return kept;
    }

    /// <summary>Whether a reference is conditional (<c>Type?search</c>), not an absolute URL with a query.</summary>
    public static bool IsConditional(string text) =>
        text.IndexOf('?', StringComparison.Ordinal) is var question and > 0 && !text[..question].Contains("://", StringComparison.Ordinal);

    private int Keep(ResourceReference reference, string text, string strictError)
    {
        if (mode == ReferenceMode.Strict)
        {
            throw FhirGatewayException.Create(HttpStatusCode.UnprocessableEntity, OperationOutcome.IssueType.NotFound, strictError);
        }

        // A stored resource cannot hold a conditional or urn: reference (it is only meaningful inside a transaction),
        // so what it says is kept as a logical reference: the type and identifier, or the text as display.
        reference.Reference = null;
        if (IsConditional(text))
        {
            var question = text.IndexOf('?', StringComparison.Ordinal);
            reference.Type ??= text[..question];
            if (ImportPlanner.IdentifierCondition(text[(question + 1)..]) is { } token)
            {
                var bar = token.IndexOf('|', StringComparison.Ordinal);
                reference.Identifier ??= new Identifier(token[..bar], token[(bar + 1)..]);
            }
            else
            {
                reference.Display ??= text;
            }
        }
        else
        {
            reference.Identifier ??= new Identifier("urn:ietf:rfc:3986", text);
        }

        return 1;
    }

    private async Task<IReadOnlyList<string>> MatchesAsync(string text, CancellationToken cancellationToken)
    {
        var question = text.IndexOf('?', StringComparison.Ordinal);
        var type = text[..question];
        var condition = text[(question + 1)..];
        var page = await gateway.SearchAsync(type, SearchQuery.Parse(condition).With("_count", "2"), cancellationToken).ConfigureAwait(false);
        var matches = page.Entry
            .Where(e => e.Resource is not null && e.Search?.Mode != Bundle.SearchEntryMode.Outcome)
            .Select(e => StoreLookup.Key(e.Resource!))
            .ToHashSet(StringComparer.Ordinal);
        if (ImportPlanner.IdentifierCondition(condition) is { } token && planner.Identifiers.TryGetValue($"{type}|{token}", out var imported))
        {
            matches.UnionWith(imported);
        }

        return matches.Order(StringComparer.Ordinal).ToList();
    }
}
