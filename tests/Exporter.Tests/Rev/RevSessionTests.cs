using Vbrick.Exporter.Rev;

namespace Vbrick.Exporter.Tests.Rev;

public sealed class RevSessionTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RenewAt_OneHourSession_RenewsAtEightyPercentBecauseThatComesFirst()
    {
        var session = RevSession.Create("t", Now, Now.AddHours(1));

        Assert.Equal(Now.AddMinutes(48), session.RenewAt);
    }

    [Fact]
    public void RenewAt_TenMinuteSession_RenewsThreeMinutesBeforeExpiryBecauseThatComesFirst()
    {
        var session = RevSession.Create("t", Now, Now.AddMinutes(10));

        Assert.Equal(Now.AddMinutes(7), session.RenewAt);
    }

    [Fact]
    public void RenewAt_ShortSession_RenewsHalfwayThrough_NeverBeforeItWasIssued()
    {
        var session = RevSession.Create("t", Now, Now.AddMinutes(2));

        // 3 minutes before a 2-minute session's end would be before it began: every call would renew.
        Assert.Equal(Now.AddMinutes(1), session.RenewAt);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Create_MissingOrPastExpiration_AssumesTenMinutes(bool past)
    {
        var session = RevSession.Create("t", Now, past ? Now.AddMinutes(-5) : null);

        Assert.Equal(Now.AddMinutes(10), session.ExpiresAt);
    }
}
