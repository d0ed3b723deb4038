using Vbrick.Exporter.PostEvent;

namespace Vbrick.Exporter.Tests.PostEvent;

public sealed class DurationParserTests
{
    [Theory]
    [InlineData("1:02:03", 3723)]
    [InlineData("01:02:03", 3723)]
    [InlineData("26:00:00", 93600)]
    [InlineData("02:03", 123)]
    [InlineData("1.02:00:00", 93600)]
    [InlineData("0.00:00:30", 30)]
    [InlineData("01:02:03.500", 3723.5)]
    [InlineData("PT1H2M3S", 3723)]
    [InlineData("pt45m", 2700)]
    [InlineData("P1DT1S", 86401)]
    [InlineData("3723", 3723)]
    [InlineData("3723.25", 3723.25)]
    [InlineData(" 0:00:00 ", 0)]
    public void TryParseSeconds_AcceptedFormat_GivesSeconds(string text, double expected)
    {
        Assert.True(DurationParser.TryParseSeconds(text, out var seconds));
        Assert.Equal(expected, seconds, 6);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("n/a")]
    [InlineData("1:60:00")]
    [InlineData("1:00:60")]
    [InlineData("-5")]
    [InlineData("-PT5M")]
    [InlineData("1:2:3:4")]
    [InlineData("PTxyz")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1,5")]
    [InlineData("P999999999Y")]
    [InlineData("PT99999999999999999999H")]
    [InlineData("1e400")]
    public void TryParseSeconds_Unparsable_ReturnsFalse(string? text) =>
        Assert.False(DurationParser.TryParseSeconds(text, out _));
}
