using System.CommandLine;
using ClinicalAgent.Cli.Hosting;
using ClinicalAgent.CdsHooks;
using ClinicalAgent.Cli.Workflows;
using ClinicalAgent.Fhir.Rest;
using ClinicalAgent.Fhir.Rest.DicomWeb;
using ClinicalAgent.Mcp;
using ClinicalAgent.ModelApi;
using ClinicalAgent.Web;
using ClinicalAgent.Security.Hardening;
using ClinicalAgent.Workflows.Engine;
using ClinicalAgent.Workflows.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ClinicalAgent.Cli.Commands;

/// <summary>
/// <c>serve</c>: one process with the web app (<c>/</c>), the FHIR REST facade (<c>/fhir</c>), the workflow endpoints (<c>/workflows</c>),
/// CDS Hooks (<c>/cds-services</c>), MCP (<c>/mcp</c>), the OpenAI-compatible model endpoint (<c>/v1</c>)
/// and the triggers (store changes, cron); on start it resumes every instance a previous process left running.
/// </summary>
public static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var options = new WorkflowOptionSet();
        var model = new ModelOptionSet();
        var urls = new Option<string>("--urls") { Description = "Where to listen.", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var security = new ServeSecurityOptionSet();
        var writes = new WriteApprovalOptionSet();
        var command = new Command("serve", "Serve the web app at /, FHIR REST at /fhir, DICOMweb at /dicomweb, the workflow endpoints at /workflows, CDS Hooks at /cds-services, MCP at /mcp and the model at /v1, and run the workflow triggers.") { urls };
        options.AddTo(command);
        model.AddTo(command);
        security.AddTo(command);
        writes.AddTo(command);
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls(parse.GetValue(urls)!);
            CliHost.Configure(builder.Configuration, builder.Logging, builder.Services, context,
                context.Settings(parse).Concat(options.Settings(parse)).Concat(model.Settings(parse)).Concat(security.Settings(parse)).Concat(writes.Settings(parse)));
            await ServeSecurityOptionSet.ConfigureAsync(builder, parse.GetValue(urls)!, context.Error).ConfigureAwait(false);
            ServedAuthorization.UseLocalAuthorityUnlessConfigured(builder.Services);
            builder.Services.AddFhirRest();
            builder.Services.AddServedEndpointProtection(builder.Configuration);
            builder.Services.AddWebApp(builder.Configuration);
            builder.Services.AddCdsHooks(builder.Configuration);
            builder.Services.AddMcpServer(builder.Configuration);
            builder.Services.AddModelApi(builder.Configuration);
            await using var app = builder.Build();
            await using var host = CliHost.Over(app.Services, context);
            await host.OpenRecordsAsync(seedIfMissing: true, cancellationToken).ConfigureAwait(false);
            var engine = app.Services.GetRequiredService<WorkflowEngine>();
            foreach (var error in engine.Catalog.Errors)
                await context.Error.WriteLineAsync($"invalid (not loaded): {error}").ConfigureAwait(false);
            var workflows = app.Services.GetRequiredService<WorkflowHost>();
            app.UseServedEndpointProtection();
            ServedAuthorization.MapLocalAuthority(app);
            app.MapFhirRest();
            app.MapDicomWeb();
            app.MapWorkflowEndpoints(workflows);
            app.MapCdsHooks();
            app.MapMcpServer();
            app.MapModelApi();
            app.MapWebApp();
            await workflows.StartAsync(cancellationToken).ConfigureAwait(false);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            await ServedAuthorization.PrintSignInAsync(app, context.Error).ConfigureAwait(false);
            foreach (var url in app.Urls)
            {
                var root = url.TrimEnd('/');
                await context.Error.WriteLineAsync($"Serving the web app at {root}/, {root}/fhir, {root}/workflows, {root}/cds-services, {root}/mcp and {root}/v1 ({engine.Catalog.All.Count()} workflows from {engine.Catalog.Folder ?? "nowhere"}; {host.RecordsName}). Ctrl+C stops.").ConfigureAwait(false);
            }

            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }
}
