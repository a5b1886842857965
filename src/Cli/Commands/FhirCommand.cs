using System.CommandLine;

namespace ClinicalAgent.Cli.Commands;

/// <summary><c>clinicalagent fhir …</c>: the FHIR store itself.</summary>
public static class FhirCommand
{
    public static Command Create(CliContext context)
    {
        var fhir = new Command("fhir", "Work with the FHIR R4 store: seed synthetic patients, import, read, search, serve.");
        fhir.Subcommands.Add(FhirSeedCommand.Create(context));
        fhir.Subcommands.Add(FhirImportCommand.Create(context));
        fhir.Subcommands.Add(FhirGetCommand.Create(context));
        fhir.Subcommands.Add(FhirSearchCommand.Create(context));
        fhir.Subcommands.Add(FhirServeCommand.Create(context));
        fhir.Subcommands.Add(FhirStatsCommand.Create(context));
        return fhir;
    }
}
