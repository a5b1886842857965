using System.Net;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Storage;

/// <summary>The FHIR rules of conditional create and conditional update, run inside one write unit.</summary>
internal static class ConditionalWrites
{
    /// <summary>Creates <paramref name="resource"/> unless <paramref name="ifNoneExist"/> matches one (returned unchanged); several matches are a 412.</summary>
    public static FhirWriteResult Create(ResourceWriter writer, TransactionSearch search, Resource resource, string ifNoneExist, Func<string> newId)
    {
        var existing = search.FindForCondition(resource.TypeName, ifNoneExist);
        if (existing is not null)
        {
            return new FhirWriteResult(existing, FhirWriteOutcome.Existing);
        }

        resource.Id = newId();
        return writer.Write(resource);
    }

    /// <summary>
    /// Updates the one match of <paramref name="condition"/>; with none, creates the resource (at its own id when it
    /// has one that is free); several matches are a 412 (from the search).
    /// </summary>
    public static FhirWriteResult Update(ResourceWriter writer, TransactionSearch search, Resource resource, string condition, Func<string> newId)
    {
        var existing = search.FindForCondition(resource.TypeName, condition);
        var hasId = !string.IsNullOrEmpty(resource.Id);
        if (existing is not null)
        {
            if (hasId && resource.Id != existing.Id)
            {
                throw FhirGatewayException.BadRequest(
                    $"The body's id '{resource.Id}' differs from {resource.TypeName}/{existing.Id}, which the condition {condition} matched.",
                    $"{resource.TypeName}.id");
            }

            resource.Id = existing.Id;
            return writer.Write(resource);
        }

        if (!hasId)
        {
            resource.Id = newId();
        }
        else if (writer.CheckedCurrent(resource) is not null)
        {
            // The condition said this is a different record; overwriting the one at that id would lose it.
            throw FhirGatewayException.Create(HttpStatusCode.Conflict, OperationOutcome.IssueType.Conflict,
                $"{resource.TypeName}/{resource.Id} exists but does not match the condition {condition}.");
        }

        return writer.Write(resource);
    }
}
