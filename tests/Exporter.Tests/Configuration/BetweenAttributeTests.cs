using Vbrick.Exporter.Polling;
using Vbrick.Exporter.PostEvent;

namespace Vbrick.Exporter.Tests.Configuration;

/// <summary>The range rule every options class shares, through the source-generated validators.</summary>
public sealed class BetweenAttributeTests
{
    [Fact]
    public void OutsideTheBounds_SaysKeyBoundsAndValue_InsideSaysNothing()
    {
        var result = new PollingOptionsValidator().Validate(null, new PollingOptions { Interval = TimeSpan.FromMilliseconds(500), SampleAbovePages = 0 });
        var fine = new PollingOptionsValidator().Validate(null, new PollingOptions { Interval = TimeSpan.FromSeconds(1) });

        Assert.Contains(result.Failures!, f => f.EndsWith("Polling:Interval must be between 00:00:01 and 1.00:00:00 (got 00:00:00.5000000).", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.EndsWith("Polling:SampleAbovePages must be between 1 and 100000 (got 0).", StringComparison.Ordinal));
        Assert.Equal(2, result.Failures!.Count());
        Assert.True(fine.Succeeded);
    }

    [Fact]
    public void AnUnsetOptionalValue_IsNotChecked() =>
        Assert.True(new PollingOptionsValidator().Validate(null, new PollingOptions { SampleAbovePages = null }).Succeeded);

    [Fact]
    public void EveryBound_OfEveryAnnotatedOption_ParsesForItsType()
    {
        // A typo in a bound would throw at start-up; each class's defaults must pass their own rules.
        Assert.True(new PollingOptionsValidator().Validate(null, new PollingOptions()).Succeeded);
        Assert.True(new PostEventOptionsValidator().Validate(null, new PostEventOptions()).Succeeded);
        Assert.True(new EventsOptionsValidator().Validate(null, new EventsOptions()).Succeeded);
        Assert.True(new Vbrick.Exporter.Telemetry.OtlpOptionsValidator().Validate(null, new Vbrick.Exporter.Telemetry.OtlpOptions { ExportInterval = TimeSpan.FromSeconds(30) }).Succeeded);
        Assert.True(new Vbrick.Exporter.Rev.RevOptionsValidator().Validate(null, new Vbrick.Exporter.Rev.RevOptions { Url = new Uri("https://rev.example.test"), ApiKey = "k" }).Succeeded);
    }
}
