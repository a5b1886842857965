using ClinicalAgent.Fhir;
using ClinicalAgent.Tools;

namespace ClinicalAgent.Web.Remote;

/// <summary>
/// A session's records at another EHR: its FHIR base, the person's token there, the gateway whose every request carries
/// it, and the tools built over that gateway for this session alone. Nothing of it reaches the embedded store.
/// </summary>
internal sealed class RemoteRecords(RemoteSignIn signIn, RemoteSessionToken token, IFhirGateway gateway, SessionToolServices services, TokenContext context) : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    /// <summary>The EHR's FHIR base URL (<c>iss</c>).</summary>
    public Uri FhirBase => signIn.FhirBase;

    /// <summary>The person's token at the EHR.</summary>
    public RemoteSessionToken Token => token;

    /// <summary>The launch context the token response named.</summary>
    public TokenContext Context => context;

    /// <summary>The gateway to the EHR with the person's token.</summary>
    public IFhirGateway Gateway => gateway;

    /// <summary>The session's tool services (its records, images, approval queue).</summary>
    public IServiceProvider Services => services;

    /// <summary>The tools over the EHR's records, for the pages and the chat.</summary>
    public ClinicalToolbox Toolbox => (ClinicalToolbox)services.GetService(typeof(ClinicalToolbox))!;

    /// <summary>Whether the EHR refused the token for good: the person has to sign in again.</summary>
    public bool SignInAgain => token.SignInAgain;

    /// <summary>Disposes <paramref name="resource"/> with the session.</summary>
    public void Own(IDisposable resource) => _owned.Add(resource);

    public void Dispose()
    {
        foreach (var resource in _owned)
            resource.Dispose();
    }
}
