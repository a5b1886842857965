using System.CommandLine;
using ClinicalAgent.Cli.Hosting;
using ClinicalAgent.Fhir.Rest;
using ClinicalAgent.Fhir.Rest.DicomWeb;
using ClinicalAgent.Security.Hardening;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ClinicalAgent.Cli.Commands;

/// <summary><c>fhir serve</c>: the store as a FHIR R4 REST server at <c>/fhir</c> until Ctrl+C.</summary>
public static class FhirServeCommand
{
    public static Command Create(CliContext context)
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen.", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var security = new ServeSecurityOptionSet();
        var command = new Command("serve", "Serve the store as FHIR R4 REST at <url>/fhir (metadata, read, vread, history, search, create, update, transaction).") { urls };
        security.AddTo(command);
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls(parse.GetValue(urls)!);
            CliHost.Configure(builder.Configuration, builder.Logging, builder.Services, context, context.Settings(parse).Concat(security.Settings(parse)));
            await ServeSecurityOptionSet.ConfigureAsync(builder, parse.GetValue(urls)!, context.Error).ConfigureAwait(false);
            ServedAuthorization.UseLocalAuthorityUnlessConfigured(builder.Services);
            builder.Services.AddFhirRest();
            builder.Services.AddServedEndpointProtection(builder.Configuration);
            await using var app = builder.Build();
            await using var host = CliHost.Over(app.Services, context);
            await host.OpenRecordsAsync(seedIfMissing: true, cancellationToken).ConfigureAwait(false);
            app.UseServedEndpointProtection();
            ServedAuthorization.MapLocalAuthority(app);
            app.MapFhirRest();
            app.MapDicomWeb();
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            await ServedAuthorization.PrintSignInAsync(app, context.Error).ConfigureAwait(false);
            foreach (var url in app.Urls)
            {
                await context.Error.WriteLineAsync($"FHIR R4 server at {url.TrimEnd('/')}/fhir ({host.RecordsName}). Ctrl+C stops.").ConfigureAwait(false);
            }

            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }
}
