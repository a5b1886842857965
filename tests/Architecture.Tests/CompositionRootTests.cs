namespace ClinicalAgent.Architecture.Tests;

/// <summary>The embedded store is reached through its abstractions; hosts compose services, they do not new them.</summary>
public sealed class CompositionRootTests
{
    [Fact]
    public void Sources_OutsideFhir_NeverNameSqliteFhirStore()
    {
        var src = Path.Combine(RepositoryRoot(), "src");

        var naming = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(Path.Combine(src, "Fhir") + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("SqliteFhirStore", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(src, f))
            .ToList();

        Assert.Empty(naming);
    }

    [Theory]
    [InlineData("new LocalModel(")]
    [InlineData("new LocalChatClient(")]
    [InlineData("new ServiceCollection()")]
    [InlineData("new ConfigurationBuilder()")]
    public void CliCommands_BuildNoServicesOfTheirOwn(string construction)
    {
        var cli = Path.Combine(RepositoryRoot(), "src", "Cli");

        var building = Directory.EnumerateFiles(cli, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains(construction, StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(cli, f))
            .ToList();

        Assert.Empty(building);
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ClinicalAgent.sln")))
                return folder.FullName;
        }

        throw new DirectoryNotFoundException("ClinicalAgent.sln not found above " + AppContext.BaseDirectory);
    }
}
