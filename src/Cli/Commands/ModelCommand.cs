using System.CommandLine;

namespace ClinicalAgent.Cli.Commands;

/// <summary><c>clinicalagent model …</c>: GGUF model files.</summary>
public static class ModelCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Command("model", "Inspect, download or generate GGUF model files; inspect or check ONNX files and MedSigLIP.");
        model.Subcommands.Add(ModelInfoCommand.Create(context));
        model.Subcommands.Add(ModelPullCommand.Create(context));
        model.Subcommands.Add(ModelTinyCommand.Create(context));
        model.Subcommands.Add(ModelSynthCommand.Create(context));
        model.Subcommands.Add(ModelRunCommand.Create(context));
        return model;
    }
}
