using Vbrick.Exporter.Aggregation;
using Vbrick.Exporter.Metrics;
using Vbrick.Exporter.Rev;
using Vbrick.Exporter.Tests.Support;

namespace Vbrick.Exporter.Tests.Metrics;

/// <summary>Each event's series owned by its <see cref="PublishedEvent"/>: set, replaced and removed as one.</summary>
public sealed class WebcastPublisherTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RemoveEvent_TakesEverySeriesOfThatEvent_AndNoneOfAnother()
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var metrics = new ExporterMetrics(registry);
        var publisher = new WebcastPublisher(metrics);
        foreach (var id in new[] { "gone", "kept" })
        {
            PublishEverything(publisher, id);
        }

        var before = new Scrape(await RegistryText.ScrapeAsync(registry));
        var families = before.Samples.Where(s => s.Labels.GetValueOrDefault("event_id") == "gone").Select(s => s.Name).Distinct().Count();
        Assert.True(families >= 25, $"only {families} families had a series of the event: the test would prove little");

        publisher.RemoveEvent("gone");
        var after = new Scrape(await RegistryText.ScrapeAsync(registry));

        Assert.DoesNotContain(after.Samples, s => s.Labels.GetValueOrDefault("event_id") == "gone");
        Assert.Equal(
            before.Samples.Count(s => s.Labels.GetValueOrDefault("event_id") == "kept"),
            after.Samples.Count(s => s.Labels.GetValueOrDefault("event_id") == "kept"));
    }

    [Fact]
    public async Task AnEventPublishedAgainAfterRemoval_StartsAfresh_WithoutTheOldSeries()
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var publisher = new WebcastPublisher(new ExporterMetrics(registry));
        publisher.PublishEventInfo("e1", "Town hall", "Live");
        publisher.PublishStage("e1", "live");
        publisher.RemoveEvent("e1");

        publisher.PublishEventInfo("e1", "Town hall (rerun)", "Live");
        publisher.PublishStage("e1", "ended");
        var scrape = new Scrape(await RegistryText.ScrapeAsync(registry));

        Assert.Equal("Town hall (rerun)", Assert.Single(scrape.Series("vbrick_webcast_event_info")).Labels["title"]);
        Assert.Equal("ended", Assert.Single(scrape.Series("vbrick_webcast_lifecycle_stage")).Labels["stage"]);
    }

    [Fact]
    public async Task Hold_KeepsTheGateForAllOfAPage_TheHoldersOwnChangesGoThrough_AndAnotherWriterWaits()
    {
        var metrics = new ExporterMetrics(Prometheus.Metrics.NewCustomRegistry());
        var publisher = new WebcastPublisher(metrics);

        Task other;
        using (publisher.Hold())
        {
            publisher.PublishRequestOutcome("e1", success: true, At);
            publisher.PublishSweepProgress("e1", 0.5);
            other = Task.Run(() => publisher.PublishSweepProgress("e2", 0.25), TestContext.Current.CancellationToken);
            // The holder blocks rather than awaits, as the sweeper never awaits inside a hold.
            Assert.True(SpinWait.SpinUntil(() => metrics.PublicationGate.Waiting == 1, TimeSpan.FromSeconds(30)), "the other writer never waited at the gate");
            Assert.False(other.IsCompleted);
            Assert.True(metrics.PublicationGate.IsHeld);
        }

        await other.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.False(metrics.PublicationGate.IsHeld);
        Assert.Equal(0.25, metrics.SweepProgress.WithLabels("e2").Value);
        Assert.Equal(0.5, metrics.SweepProgress.WithLabels("e1").Value);
    }

    private static void PublishEverything(WebcastPublisher publisher, string id)
    {
        var series = new AudienceSeries("Oslo", "HLS", "Chrome") { Online = 3, Offline = 1, Increase = new RunningTotals(2, 4, 1, 0) };
        series.Bitrates.Add(250_000);
        series.Bandwidths.Add(1_000_000);
        var sweep = new SweepResult([series], 4, 4, 1, At, At, IsFirst: false, new Dictionary<FoldedLabel, long> { [FoldedLabel.Zone] = 0 }, new Dictionary<InvalidRecordReason, long> { [InvalidRecordReason.DuplicateSession] = 0 }, 1.5);
        publisher.PublishSummary(id, new EventWideFigures(4, 1, 1, 2, 0.1, 2, 0.5, 0.1), At);
        publisher.PublishSweep(id, sweep, 4);
        publisher.PublishSample(id, SampleKind.Stable, [new AudienceIncrease("Oslo", "HLS", "Chrome", new RunningTotals(1, 1, 0, 0))]);
        publisher.PublishZoneQuality(id, [new ZoneQuality("Oslo", 0.2, 3)]);
        publisher.PublishHeadCounts(id, SearchField.ZoneName, new Dictionary<string, Vbrick.Exporter.Aggregation.Census.HeadCount> { ["Oslo"] = new(3, At) });
        publisher.PublishCensusPage(id, SearchField.ZoneName, null, 0, []);
        publisher.PublishRealtimeMode(id, RealtimeMode.Full);
        publisher.PublishInvalidRecords(id, InvalidRecordReason.NotAnObject, 1);
        publisher.PublishDurationsPastSessionAge(id, DurationField.LiveBuffering, 0);
        publisher.PublishRealtimeRun(id, 0);
        publisher.PublishSweepEnded(id, SweepOutcome.Abandoned);
        publisher.PublishEventInfo(id, "Town hall", "Live");
        publisher.PublishStage(id, "live");
        publisher.PublishRequestFailure(id, FailureReason.Of(RevErrorKind.Timeout));
        publisher.PublishRequestOutcome(id, success: false, At, FailureReason.Internal);
        publisher.PublishRequestOutcome(id, success: true, At);
    }
}
