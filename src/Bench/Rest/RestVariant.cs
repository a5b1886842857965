using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Bench.Rest;

/// <summary>
/// One configuration of the served FHIR facade the benchmark compares (a column of its table): what it adds to the
/// services and to the app before <c>MapFhirRest</c>. The first variant is the baseline the others are divided by.
/// Authorization on is another variant: its services (the JWT bearer handler) and a token for its requests.
/// </summary>
/// <param name="Name">The column's name (<c>off</c>, <c>audit</c>, …).</param>
/// <param name="Services">Registrations beside the store and <c>AddFhirRest</c>, given the variant's scratch folder.</param>
/// <param name="App">Middleware before the FHIR endpoints (authentication), or null.</param>
/// <param name="BearerToken">A token every request of this variant carries, or null.</param>
internal sealed record RestVariant(string Name, Action<IServiceCollection, string> Services, Action<WebApplication>? App = null, string? BearerToken = null);
