using Vbrick.Exporter.Configuration;

namespace Vbrick.Exporter.Tests.Configuration;

public sealed class BackoffTests
{
    private static readonly Backoff Minutes = new(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(30));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(5, 16)]
    [InlineData(6, 30)]
    [InlineData(64, 30)]
    [InlineData(int.MaxValue, 30)]
    public void Doubles_FromTheFirstWait_UpToTheLast(int failures, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), Minutes.After(failures));
}
