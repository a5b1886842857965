using System.Net;
using ClinicalAgent.Fhir.Search;
using Hl7.Fhir.Model;
using Microsoft.Data.Sqlite;

namespace ClinicalAgent.Fhir.Storage;

/// <summary>Searches inside a write transaction, so conditional creates and references see the unit's own writes.</summary>
internal sealed class TransactionSearch(SqliteConnection connection, SqliteTransaction transaction, SearchParser parser, ParamIds ids, DateStats dateStats, TimeProvider time)
{
    public Bundle Search(string type, SearchQuery query) =>
        new SearchExecutor(connection, transaction, ids, dateStats, time).Execute(parser.Parse(type, query));

    /// <summary>
    /// The one resource matching a condition such as <c>identifier=sys|1</c>; null when none; 412 when several.
    /// </summary>
    public Resource? FindForCondition(string type, string condition)
    {
        var query = SearchQuery.Parse(condition).With("_count", "2");
        if (query.Parameters.Count <= 1)
        {
            throw FhirGatewayException.BadRequest($"The condition '{condition}' for {type} has no search criteria.");
        }

        var matches = Search(type, query).Entry.Where(e => e.Search?.Mode == Bundle.SearchEntryMode.Match).ToList();
        return matches.Count switch
        {
            0 => null,
            1 => matches[0].Resource,
            _ => throw FhirGatewayException.Create(HttpStatusCode.PreconditionFailed, OperationOutcome.IssueType.MultipleMatches,
                $"The condition {type}?{condition} matches more than one resource."),
        };
    }
}
