using System.Text.RegularExpressions;
using Vbrick.Exporter.Tests.Support;

namespace Vbrick.Exporter.Tests.Documentation;

/// <summary>The README stays short and every relative link in the documentation leads somewhere.</summary>
public sealed partial class DocumentationTests
{
    public static TheoryData<string> Pages => new(
        ["README.md", "ARCHITECTURE.md", "SECURITY.md", "BENCHMARKS.md", "CHANGELOG.md", "alerts/README.md",
         .. Directory.GetFiles(Path.Combine(RepositoryFiles.Root, "docs"), "*.md").Select(f => "docs/" + Path.GetFileName(f))]);

    [Fact]
    public void Readme_IsUnderTwelveKilobytes_AndStartsWithTheTwoCommands()
    {
        var readme = RepositoryFiles.Read("README.md");

        Assert.True(System.Text.Encoding.UTF8.GetByteCount(readme) < 12 * 1024, $"README.md is {readme.Length} characters");
        Assert.Contains("dotnet run --project src/Exporter -- --demo", readme, StringComparison.Ordinal);
        Assert.Contains("dotnet test -c Release --filter Tier!=Slow", readme, StringComparison.Ordinal);
        Assert.Contains("](docs/status-page.png)", readme, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void EveryRelativeLink_PointsAtAFileOrFolderThatExists(string page)
    {
        var folder = Path.GetDirectoryName(Path.Combine(RepositoryFiles.Root, page))!;
        var links = RelativeLink().Matches(RepositoryFiles.Read(page)).Select(m => m.Groups["target"].Value).ToList();

        foreach (var target in links)
        {
            var path = Path.GetFullPath(Path.Combine(folder, target.Split('#')[0]));
            Assert.True(File.Exists(path) || Directory.Exists(path), $"{page} links to {target}, which does not exist");
        }
    }

    [GeneratedRegex(@"\]\((?<target>(?!https?:|mailto:|#)[^)\s]+)\)")]
    private static partial Regex RelativeLink();
}
