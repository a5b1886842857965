using System.CommandLine;
using System.Globalization;
using ClinicalAgent.Auth;
using ClinicalAgent.Cli.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Cli.Commands;

/// <summary>
/// <c>auth token</c>: prints an access token for scripts. OpenIddict issues it: the command asks the server, run
/// in-process on 127.0.0.1:0 with the configured issuer, as its own client (<c>clinicalagent-cli</c>).
/// </summary>
public static class AuthTokenCommand
{
    public static Command Create(CliContext context)
    {
        var scope = new Option<string>("--scope") { Description = "Space-separated scopes, e.g. \"system/*.rs\" or \"user/Observation.rs clinicalagent/approve\".", Required = true };
        var patient = new Option<string?>("--patient") { Description = "The patient in context (the token's patient claim), a Patient id." };
        var user = new Option<string?>("--user") { Description = "The person the token acts for: sub, and fhirUser (Practitioner/NAME for a bare name, as written for a reference)." };
        var audience = new Option<string?>("--audience") { Description = "The token's aud (default Auth:Server:Audience, http://127.0.0.1:8080/fhir)." };
        var lifetime = new Option<string?>("--lifetime") { Description = "How long the token lives, hh:mm:ss (default Auth:Server:AccessTokenLifetime, 00:05:00; at most a day)." };
        var command = new Command("token", "Print an access token from the local authorization server, for scripts (curl -H \"Authorization: Bearer $(clinicalagent auth token --scope ...)\").")
        {
            scope, patient, user, audience, lifetime,
        };
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            TimeSpan? span = null;
            if (parse.GetValue(lifetime) is { Length: > 0 } text)
            {
                span = TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var parsed) && parsed > TimeSpan.Zero
                    ? parsed
                    : throw new ArgumentException($"--lifetime '{text}' is not a positive time span such as 00:05:00.");
            }

            await using var app = await AuthServerHost.StartAsync(context, parse, "http://127.0.0.1:0", cancellationToken).ConfigureAwait(false);
            var request = new LocalTokenRequest(parse.GetValue(scope)!, parse.GetValue(patient), parse.GetValue(user), parse.GetValue(audience), span);
            var token = await app.Services.GetRequiredService<LocalTokenClient>().RequestAsync(new Uri(app.Urls.First()), request, cancellationToken).ConfigureAwait(false);
            await context.Output.WriteLineAsync(token.AccessToken).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }
}
