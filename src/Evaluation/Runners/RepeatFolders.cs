using System.Globalization;
using System.Text.Json;

namespace ClinicalAgent.Evaluation.Runners;

/// <summary>
/// The layout of a repeated run: <c>run.json</c> (with <see cref="RunManifest.Repeats"/> and the base
/// <see cref="RunManifest.Seed"/>) and one run folder per repeat, <c>repeat-1/</c> … <c>repeat-k/</c>, each with its
/// own <c>run.json</c> (its seed) and <c>results/</c>. A single run keeps <c>results/</c> at the top, so older run folders
/// read as one repeat and a repeat folder is itself a run folder any command reads.
/// </summary>
public static class RepeatFolders
{
    private const string Prefix = "repeat-";

    /// <summary>The folder of repeat <paramref name="repeat"/> (from 1).</summary>
    public static string Folder(string runFolder, int repeat) =>
        Path.Combine(runFolder, Prefix + repeat.ToString(CultureInfo.InvariantCulture));

    /// <summary>The seed of repeat <paramref name="repeat"/>: the base seed plus the repeat's number less one.</summary>
    public static uint Seed(uint baseSeed, int repeat) => unchecked(baseSeed + (uint)(repeat - 1));

    /// <summary>Each repeat's results, in repeat order: one list for a single run.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder holds no results and no repeat folders.</exception>
    /// <exception cref="InvalidDataException">A result file is not valid.</exception>
    public static IReadOnlyList<IReadOnlyList<TaskResult>> ReadAll(string runFolder)
    {
        if (Directory.Exists(ResultFiles.ResultsFolder(runFolder)))
            return [ResultFiles.ReadAll(runFolder)];
        var repeats = Numbers(runFolder);
        if (repeats.Count == 0)
            return [ResultFiles.ReadAll(runFolder)]; // throws the usual "not a run folder"
        return [.. repeats.Select(r => ResultFiles.ReadAll(Folder(runFolder, r)))];
    }

    /// <summary>The manifest of a run folder, or null when it has none.</summary>
    /// <exception cref="InvalidDataException">The manifest is not valid.</exception>
    public static RunManifest? Manifest(string runFolder)
    {
        var path = ResultFiles.ManifestPath(runFolder);
        if (!File.Exists(path))
            return null;
        try
        {
            return JsonSerializer.Deserialize<RunManifest>(File.ReadAllText(path), ResultFiles.Json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not a run manifest: {ex.Message}", ex);
        }
    }

    /// <summary>Whether <paramref name="folder"/> is a run folder: results at the top, or repeat folders with results.</summary>
    public static bool IsRunFolder(string folder) =>
        Directory.Exists(ResultFiles.ResultsFolder(folder)) || Numbers(folder).Count > 0;

    /// <summary>The repeat numbers present under <paramref name="runFolder"/> (each a folder with results), ascending;
    /// empty for a single run.</summary>
    public static IReadOnlyList<int> Present(string runFolder) =>
        Directory.Exists(ResultFiles.ResultsFolder(runFolder)) ? [] : Numbers(runFolder);

    /// <summary>The repeat numbers present under <paramref name="runFolder"/>, ascending.</summary>
    private static List<int> Numbers(string runFolder)
    {
        if (!Directory.Exists(runFolder))
            return [];
        return [.. Directory.EnumerateDirectories(runFolder, Prefix + "*")
            .Select(d => int.TryParse(Path.GetFileName(d)[Prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .Where(n => n > 0 && Directory.Exists(ResultFiles.ResultsFolder(Folder(runFolder, n))))
            .Order()];
    }
}
