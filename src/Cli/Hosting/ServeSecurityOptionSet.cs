using System.CommandLine;
using System.Net;
using ClinicalAgent.Security.ResourceServer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace ClinicalAgent.Cli.Hosting;

/// <summary>
/// Authorization for <c>serve</c> and <c>fhir serve</c>: on by default, on loopback too (other local users and
/// DNS-rebinding pages reach loopback). <c>--insecure-no-auth</c> turns it off for loopback addresses only, with a
/// warning at every start; a non-loopback address is never served without it.
/// </summary>
public sealed class ServeSecurityOptionSet
{
    private readonly Option<bool> _insecureNoAuth = new("--insecure-no-auth")
    {
        Description = "Serve without authorization (Auth:Enabled=false): loopback addresses only, with a warning at every start.",
    };

    public void AddTo(Command command) => command.Add(_insecureNoAuth);

    /// <summary>The option as the configuration key it sets.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings(ParseResult parse)
    {
        if (parse.GetValue(_insecureNoAuth))
            yield return new($"{ResourceServerOptions.SectionName}:Enabled", "false");
    }

    /// <summary>
    /// Adds the resource server to the host, or — with authorization off — refuses any address but loopback and warns.
    /// </summary>
    /// <exception cref="ArgumentException">Authorization off and <paramref name="urls"/> reaches beyond this machine.</exception>
    public static async Task ConfigureAsync(WebApplicationBuilder builder, string urls, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(error);
        var enabled = builder.Configuration.GetSection(ResourceServerOptions.SectionName).GetValue("Enabled", true);
        if (!enabled)
        {
            var exposed = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault(u => !IsLoopback(u));
            if (exposed is not null)
            {
                throw new ArgumentException(
                    $"refusing to serve {exposed} without authorization: --insecure-no-auth is for loopback addresses only (127.0.0.1, [::1], localhost). "
                    + "Serve with authorization on (the default) and give clients tokens (see 'Authorization' in the README).");
            }

            await error.WriteLineAsync(
                "warning: authorization is OFF (--insecure-no-auth): any local user or web page that reaches this port can read and change every record.").ConfigureAwait(false);
        }

        builder.Services.AddSmartResourceServer(builder.Configuration);
    }

    /// <summary>True for an address only this machine can reach; wildcards (<c>*</c>, <c>+</c>, <c>0.0.0.0</c>) and names other than localhost are not.</summary>
    public static bool IsLoopback(string url)
    {
        BindingAddress address;
        try
        {
            address = BindingAddress.Parse(url);
        }
        catch (FormatException)
        {
            return false;
        }

        var host = address.Host.Trim('[', ']');
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }
}
