namespace ClinicalAgent.CdsHooks.Invocation;

/// <summary>A query the service needs was neither prefetched nor fetchable (no <c>fhirServer</c>): the answer is 412.</summary>
internal sealed class PrefetchMissingException(string type) : Exception($"The service needs {type} data that prefetch did not bring, and the request has no fhirServer with fhirAuthorization to read it from.")
{
    /// <summary>The resource type of the missing query.</summary>
    public string ResourceType { get; } = type;
}
