namespace TechTransfer.Match.Tests.Infrastructure;

/// <summary>The repository's own files: only what a user's clone holds.</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TechTransfer.Match.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No TechTransfer.Match.sln above {AppContext.BaseDirectory}.");
    }
}
