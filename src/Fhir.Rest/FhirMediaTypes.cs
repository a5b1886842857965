namespace ClinicalAgent.Fhir.Rest;

/// <summary>The media types the facade reads and writes.</summary>
internal static class FhirMediaTypes
{
    public const string FhirJson = "application/fhir+json";

    public const string Json = "application/json";

    public const string FhirXml = "application/fhir+xml";

    public const string Xml = "application/xml";

    public const string FormUrlEncoded = "application/x-www-form-urlencoded";

    /// <summary>What every response carries; FHIR clients key on the charset being explicit.</summary>
    public const string FhirJsonUtf8 = "application/fhir+json; charset=utf-8";

    /// <summary>What an XML response carries.</summary>
    public const string FhirXmlUtf8 = "application/fhir+xml; charset=utf-8";
}
