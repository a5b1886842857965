using System.Security.Cryptography;
using ClinicalAgent.Auth.Sessions;
using ClinicalAgent.Auth.Storage;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace ClinicalAgent.Auth;

/// <summary>
/// The local authorization server as the rest of the process sees it: its issuer and endpoints, the public keys a
/// resource server in the same process validates its tokens with (offline), and the one-time sign-in links and
/// SMART launch values it hands out. Its keys are read from the state folder, or made there on first use. They are
/// never disposed: IdentityModel caches signature providers by key id process-wide, and a later host in the same
/// process (tests, a restarted server) would be handed one over a disposed key.
/// </summary>
public sealed class LocalAuthority
{
    /// <summary>The client id of the <c>clinicalagent</c> command itself, registered with its own key at first use.</summary>
    public const string CliClientId = "clinicalagent-cli";

    private readonly SignInSessions _sessions;
    private readonly Lazy<RSA> _signing;
    private readonly Lazy<RSA> _cli;
    private readonly Lazy<byte[]> _encryption;

    internal LocalAuthority(IOptions<LocalAuthorizationServerOptions> options, SignInSessions sessions)
    {
        var value = options.Value;
        Folder = Path.GetFullPath(value.Folder);
        if (!Uri.TryCreate(value.Issuer.TrimEnd('/'), UriKind.Absolute, out var issuer) || issuer.Scheme is not ("http" or "https"))
            throw new ArgumentException($"Auth:Server:Issuer '{value.Issuer}' is not an http(s) URL.");
        Issuer = issuer;
        _sessions = sessions;
        _signing = new(() => KeyFiles.RsaKey(Path.Combine(Folder, "signing-key.pem")));
        _cli = new(() => KeyFiles.RsaKey(Path.Combine(Folder, "cli-key.pem")));
        _encryption = new(() => KeyFiles.SymmetricKey(Path.Combine(Folder, "encryption-key.txt")));
    }

    /// <summary>The <c>iss</c> of every token (<c>Auth:Server:Issuer</c>).</summary>
    public Uri Issuer { get; }

    public Uri TokenEndpoint => Under("connect/token");

    public Uri AuthorizationEndpoint => Under("connect/authorize");

    public Uri JwksUri => Under(".well-known/jwks");

    /// <summary>The state folder: the client database and the keys.</summary>
    public string Folder { get; }

    /// <summary>The public halves of the keys tokens are signed with.</summary>
    public IReadOnlyList<SecurityKey> PublicSigningKeys => [PublicKey(_signing.Value)];

    internal string DatabasePath => Path.Combine(Folder, "auth.db");

    internal RsaSecurityKey SigningKey => PrivateKey(_signing.Value);

    internal RsaSecurityKey CliKey => PrivateKey(_cli.Value);

    internal RsaSecurityKey CliPublicKey => PublicKey(_cli.Value);

    internal SymmetricSecurityKey EncryptionKey => new(_encryption.Value);

    /// <summary>A sign-in link for the local user, valid once and for <c>Auth:Server:SignInLinkLifetime</c>; opening it signs that browser in.</summary>
    public Uri CreateSignInLink() => new($"{Under("signin")}?ticket={_sessions.CreateTicket()}");

    /// <summary>An opaque SMART <c>launch</c> value: an authorization request carrying it gets <paramref name="patientId"/> as its patient.</summary>
    public string CreateLaunch(string patientId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(patientId);
        return _sessions.CreateLaunch(patientId);
    }

    private Uri Under(string relative) => new($"{Issuer.AbsoluteUri.TrimEnd('/')}/{relative}");

    private static RsaSecurityKey PrivateKey(RSA rsa) => new(rsa) { KeyId = KeyId(rsa) };

    private static RsaSecurityKey PublicKey(RSA rsa) => new(rsa.ExportParameters(includePrivateParameters: false)) { KeyId = KeyId(rsa) };

    // The RFC 7638 thumbprint: stable across restarts, so a kid names one key for good.
    private static string KeyId(RSA rsa) =>
        System.Buffers.Text.Base64Url.EncodeToString(JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false))).ComputeJwkThumbprint());
}
