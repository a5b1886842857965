using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace ClinicalAgent.Fhir.Rest;

/// <summary>
/// Puts response compression first in the host's pipeline, so every host that adds the facade compresses its
/// answers without wiring middleware itself. Only FHIR media types are compressed (see
/// <see cref="FhirRestServiceCollectionExtensions.AddFhirRest"/>), so the host's other endpoints are untouched.
/// </summary>
internal sealed class FhirCompressionStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseResponseCompression();
        next(app);
    };
}
