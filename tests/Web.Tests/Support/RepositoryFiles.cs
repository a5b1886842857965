namespace ClinicalAgent.Web.Tests.Support;

/// <summary>Files of the repository the tests need (the npm-installed axe-core), found from the folder holding ClinicalAgent.sln.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string AxeScript => Path.Combine(Root, "tests", "js", "node_modules", "axe-core", "axe.min.js");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ClinicalAgent.sln")))
                return folder.FullName;
        }

        throw new DirectoryNotFoundException("No folder above the test binaries holds ClinicalAgent.sln.");
    }
}
