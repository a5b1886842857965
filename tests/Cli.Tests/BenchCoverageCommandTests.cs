using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ClinicalAgent.Cli.Tests;

public sealed class BenchCoverageCommandTests(BenchStoreFixture bench) : IClassFixture<BenchStoreFixture>
{
    private string In(string name) => Path.Combine(bench.Folder, name);

    [Fact]
    public async Task GenerateCover_ThenCoverageOfTasksAndRun_EntropyRisesMapsPrintedOraclePasses()
    {
        await CliRun.RunAsync("bench", "generate", "--per-category", "2", "--db", bench.Db, "--out", In("plain.json"));

        var cover = await CliRun.RunAsync("bench", "generate", "--per-category", "2", "--cover", "--db", bench.Db, "--out", In("cover.json"));
        var plainMap = await CliRun.RunAsync("bench", "coverage", In("plain.json"));
        var coverMap = await CliRun.RunAsync("bench", "coverage", In("cover.json"));
        var run = await CliRun.RunAsync("bench", "run", "--tasks", In("cover.json"), "--db", bench.Db, "--agent", "oracle", "--out", In("cover-oracle"));
        var runMap = await CliRun.RunAsync("bench", "coverage", In("cover-oracle"));
        await CliRun.RunAsync("bench", "report", In("cover-oracle"));

        Assert.Equal(0, cover.ExitCode);
        var line = Regex.Match(cover.Output, @"Coverage: normalised entropy ([0-9.]+) -> ([0-9.]+), empty cells (\d+) -> (\d+) of \d+; added (\d+) tasks");
        Assert.True(line.Success, cover.Output);
        Assert.True(Number(line.Groups[2]) > Number(line.Groups[1]));
        Assert.True(Number(line.Groups[4]) < Number(line.Groups[3]));
        var plainCount = Count(In("plain.json"));
        Assert.Equal(plainCount + (int)Number(line.Groups[5]), Count(In("cover.json")));
        Assert.Contains($"Empty cells: {line.Groups[3].Value}\n", plainMap.Output.ReplaceLineEndings("\n"));
        Assert.Contains($"Empty cells: {line.Groups[4].Value}\n", coverMap.Output.ReplaceLineEndings("\n"));
        Assert.Matches(@"get_observations\s+patient_id\+code:loinc\+window\+count\s+", coverMap.Output);
        // Unit perturbations: their copies of the patients were written to the store, so the oracle run below passes them.
        Assert.Matches(@"added \d+ tasks \([^)]*unit [1-9]", cover.Output);
        Assert.Contains("_other_unit", coverMap.Output);
        Assert.Contains($"oracle: ran {Count(In("cover.json"))} tasks ({Count(In("cover.json"))} passed, 0 errors)", run.Output);
        // The oracle's recorded calls visit exactly the cells the task file's plan says.
        Assert.Equal(Table(coverMap.Output), Table(runMap.Output));
        Assert.Contains("## Coverage", await File.ReadAllTextAsync(In("cover-oracle/report.md")));
    }

    [Fact]
    public async Task Coverage_NoSuchPath_OneLineErrorAndExitOne()
    {
        var result = await CliRun.RunAsync("bench", "coverage", In("missing.json"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("No task file or run folder at", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public async Task Coverage_NotATaskFile_SaysSo()
    {
        await File.WriteAllTextAsync(In("not-tasks.json"), """{"hello": 1}""");

        var result = await CliRun.RunAsync("bench", "coverage", In("not-tasks.json"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not a task file", result.Error);
    }

    [Fact]
    public async Task GenerateCover_OfficialProfile_Refused()
    {
        var result = await CliRun.RunAsync("bench", "generate", "--profile", "official", "--cover", "--db", bench.Db, "--out", In("official.json"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--cover works on the clinicalagent profile only", result.Error);
        Assert.False(File.Exists(In("official.json")));
    }

    private static double Number(Group group) => double.Parse(group.Value, CultureInfo.InvariantCulture);

    private static int Count(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetArrayLength();
    }

    /// <summary>The map's table and summary, without the first line (which names the file or folder).</summary>
    private static string Table(string output) => string.Join("\n", output.ReplaceLineEndings("\n").Split('\n').Skip(1));
}
