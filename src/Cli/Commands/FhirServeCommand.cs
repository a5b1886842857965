using System.CommandLine;
using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Rest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ClinicalAgent.Cli.Commands;

/// <summary><c>fhir serve</c>: the store as a FHIR R4 REST server at <c>/fhir</c> until Ctrl+C.</summary>
public static class FhirServeCommand
{
    public static Command Create(CliContext context)
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen.", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var command = new Command("serve", "Serve the store as FHIR R4 REST at <url>/fhir (metadata, read, vread, history, search, create, update, transaction).") { urls };
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            using var store = await context.OpenStoreAsync(parse, seedIfMissing: true, cancellationToken).ConfigureAwait(false);
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls(parse.GetValue(urls)!);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddSingleton<IFhirGateway>(store);
            builder.Services.AddFhirRest();
            await using var app = builder.Build();
            app.MapFhirRest();
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            foreach (var url in app.Urls)
            {
                await context.Error.WriteLineAsync($"FHIR R4 server at {url.TrimEnd('/')}/fhir (store {store.DatabasePath}). Ctrl+C stops.").ConfigureAwait(false);
            }

            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }
}
