using ClinicalAgent.Fhir.Remote;
using ClinicalAgent.Fhir.Remote.Auth;
using ClinicalAgent.Web.SignIn;

namespace ClinicalAgent.Web.Remote;

/// <summary>
/// Makes a session's <see cref="RemoteRecords"/> once, at its sign-in: a <see cref="RemoteFhirGateway"/> for the EHR's
/// base whose requests carry the session's token (over the pooled handler of <see cref="HttpClientName"/>), and the
/// tools over it (<see cref="SessionToolServices"/>).
/// </summary>
internal sealed class RemoteRecordsFactory(IServiceProvider host, IHttpClientFactory http, IHttpMessageHandlerFactory handlers, TimeProvider time)
{
    /// <summary>The handler pipeline of the requests to other EHRs' FHIR servers.</summary>
    public const string HttpClientName = "ClinicalAgent.Web.RemoteFhir";

    public RemoteRecords Create(RemoteSignIn signIn, TokenResponse tokens, TokenContext context)
    {
        var token = new RemoteSessionToken(signIn, tokens, http, time);
        var pooled = handlers.CreateHandler(HttpClientName);
        // The session's handler in front of the pooled one; the pooled one is the factory's to recycle, not ours to dispose.
        var client = new HttpClient(new UserTokenHandler(token, signIn.FhirBase) { InnerHandler = pooled }, disposeHandler: false)
        {
            Timeout = TimeSpan.FromSeconds(60),
        };
        var gateway = new RemoteFhirGateway(client, signIn.FhirBase);
        var records = new RemoteRecords(signIn, token, gateway, new SessionToolServices(host, gateway), context);
        records.Own(client);
        return records;
    }
}
