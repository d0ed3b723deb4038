namespace Vbrick.Exporter.Tests.Support;

internal static class RepositoryFiles
{
    /// <summary>The repository root: the folder holding Exporter.sln above the test binaries.</summary>
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Exporter.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("Exporter.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));
}
