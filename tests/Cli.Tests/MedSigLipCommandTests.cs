using ClinicalAgent.Agent.Vision;

namespace ClinicalAgent.Cli.Tests;

public sealed class MedSigLipCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-cli-siglip-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Pull_MedSigLipWithoutPath_PrintsExportSteps()
    {
        var pull = await CliRun.RunAsync("model", "pull", "medsiglip");

        Assert.Equal(0, pull.ExitCode);
        Assert.Contains("AutoModel.from_pretrained(\"google/medsiglip-448\")", pull.Output, StringComparison.Ordinal);
        Assert.Contains("get_image_features", pull.Output, StringComparison.Ordinal);
        Assert.Contains("get_text_features", pull.Output, StringComparison.Ordinal);
        Assert.Contains("\"logit_scale\": model.logit_scale.item()", pull.Output, StringComparison.Ordinal);
        Assert.Contains(MedSigLipFiles.TokenizerName, pull.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PullWithPath_TinyMedSigLip_PrintsValidatedSummary()
    {
        var tiny = await CliRun.RunAsync("model", "tiny", "--medsiglip", "--out", _folder);

        var pull = await CliRun.RunAsync("model", "pull", "medsiglip", "--path", _folder);

        Assert.Equal(0, tiny.ExitCode);
        Assert.Equal(0, pull.ExitCode);
        var lines = Lines(pull.Output);
        Assert.Contains(lines, l => l.StartsWith("Image size", StringComparison.Ordinal) && l.EndsWith("8×8", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Embedding dim", StringComparison.Ordinal) && l.EndsWith(" 4", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Vision input", StringComparison.Ordinal) && l.EndsWith("pixel_values float [batch, 3, 8, 8]", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Text input", StringComparison.Ordinal) && l.EndsWith("input_ids int64 [batch, 16]", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Logit scale", StringComparison.Ordinal) && l.Contains("10 (exp of 2.3026", StringComparison.Ordinal));
        Assert.Contains("is ready", pull.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PullWithPath_FolderLacksFiles_FailsNamingThem()
    {
        await CliRun.RunAsync("model", "tiny", "--medsiglip", "--out", _folder);
        File.Delete(Path.Combine(_folder, MedSigLipFiles.TokenizerName));
        File.Delete(Path.Combine(_folder, MedSigLipFiles.ConfigName));

        var pull = await CliRun.RunAsync("model", "pull", "medsiglip", "--path", _folder);

        Assert.Equal(1, pull.ExitCode);
        Assert.StartsWith("error: MedSigLIP folder", pull.Error, StringComparison.Ordinal);
        Assert.Contains($"lacks {MedSigLipFiles.TokenizerName}, {MedSigLipFiles.ConfigName}", pull.Error, StringComparison.Ordinal);
        Assert.Single(Lines(pull.Error));
    }

    [Fact]
    public async Task Pull_PathWithAnotherModel_FailsWithExitCode1()
    {
        var pull = await CliRun.RunAsync("model", "pull", "medgemma-4b-it", "--path", _folder);

        Assert.Equal(1, pull.ExitCode);
        Assert.Contains("--path is for 'medsiglip' only", pull.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Info_OnnxFile_PrintsOpsetInputsOutputsAndParameters()
    {
        await CliRun.RunAsync("model", "tiny", "--medsiglip", "--out", _folder);

        var info = await CliRun.RunAsync("model", "info", Path.Combine(_folder, MedSigLipFiles.VisionModelName));

        Assert.Equal(0, info.ExitCode);
        var lines = Lines(info.Output);
        Assert.Contains("opset       ai.onnx 17", lines);
        Assert.Contains("input       pixel_values float [batch, 3, 8, 8]", lines);
        Assert.Contains("output      image_embeds float [batch, 4]", lines);
        Assert.Contains("parameters  768 (768 in 1 initializers)", lines);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
