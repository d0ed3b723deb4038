using System.Text;
using Vbrick.Exporter.Rev;

namespace Vbrick.Exporter.Tests.Rev;

public sealed class RealtimePageReaderTests
{
    private const string PascalPage = """
        {"scrollId":"s-2","total":3,"hostCount":1,"moderatorCount":0,"attendeeCount":2,"status":"Active",
         "experiencedRebufferingPercentage":12,"averageExperiencedRebufferDuration":2.5,
         "experiencedErrorsPerAttendees":0.25,"multicastErrorsPerAttendees":0.5,
         "attendees":[
          {"UserId":"u1","Username":"alice","Email":"alice@example.test","FullName":"Alice A","SessionId":"s1","ZoneName":"London HQ",
           "StreamType":"Multicast","Browser":"Edge","Status":"Online","ExperiencedErrors":1,"MulticastFailovers":2,
           "ExperiencedBufferingDuration":3.5,"ExperiencedBufferingCount":4,"AvgBitrateKbps":2500,"AvgBandwidthMbps":20,
           "IpAddress":"10.0.0.1","UserAgent":"Mozilla","Nested":{"a":[1,2,{"b":3}]}},
          {"SessionId":"s2","ZoneName":null,"StreamType":"","Browser":"  Chrome  ","Status":"Offline","ExperiencedErrors":"7"},
          {"SessionId":"s3","ZoneName":42,"Status":"Online","AvgBitrateKbps":"fast","ExperiencedBufferingCount":true}
         ]}
        """;

    [Fact]
    public async Task APageWithMoreRecordsThanAskedFor_IsMalformed_AndNotReadFurther()
    {
        var records = string.Join(",", Enumerable.Range(0, 1_000).Select(i => $"{{\"SessionId\":\"s{i}\",\"Status\":\"Online\"}}"));
        var sink = new RecordingSink();

        var ex = await Assert.ThrowsAsync<RevApiException>(() => RealtimePageReader.ReadAsync(Stream($"{{\"scrollId\":null,\"attendees\":[{records}]}}"), sink, 500, CancellationToken.None).AsTask());

        Assert.Equal(RevErrorKind.Malformed, ex.Kind);
        Assert.Contains("500 records asked for", ex.Message, StringComparison.Ordinal);
        Assert.Equal(500, sink.Records.Count);
    }

    [Fact]
    public async Task ReadAsync_PascalCaseKeys_DecodesSummaryAndRecords()
    {
        var sink = new RecordingSink();

        var page = await RealtimePageReader.ReadAsync(Stream(PascalPage), sink, int.MaxValue, CancellationToken.None);

        Assert.Equal("s-2", page.ScrollId);
        Assert.Equal(3, page.Total);
        Assert.Equal(1, page.HostCount);
        Assert.Equal(2, page.AttendeeCount);
        Assert.Equal(12, page.RebufferingPercentage);
        Assert.Equal(2.5, page.AverageRebufferDuration);
        Assert.Equal(0.25, page.ErrorsPerAttendee);
        Assert.Equal(0.5, page.MulticastErrorsPerAttendee);
        Assert.Equal(3, page.AttendeesRead);
        Assert.False(page.IsInitiated);
        Assert.Equal(
            [
                new Captured("s1", "London HQ", "Multicast", "Edge", "Online", 1, 2, 4, 3.5, 2500, 20),
                new Captured("s2", "", "", "  Chrome  ", "Offline", 7, null, null, null, null, null),
                new Captured("s3", "42", "", "", "Online", null, null, null, null, null, null),
            ],
            sink.Records);
    }

    [Fact]
    public async Task ReadAsync_CamelCaseKeys_DecodesTheSameRecords()
    {
        var camel = PascalPage
            .Replace("\"SessionId\"", "\"sessionId\"", StringComparison.Ordinal)
            .Replace("\"ZoneName\"", "\"zoneName\"", StringComparison.Ordinal)
            .Replace("\"StreamType\"", "\"streamType\"", StringComparison.Ordinal)
            .Replace("\"Browser\"", "\"browser\"", StringComparison.Ordinal)
            .Replace("\"Status\"", "\"status\"", StringComparison.Ordinal)
            .Replace("\"ExperiencedErrors\"", "\"experiencedErrors\"", StringComparison.Ordinal)
            .Replace("\"AvgBitrateKbps\"", "\"avgBitrateKbps\"", StringComparison.Ordinal);
        var pascal = new RecordingSink();
        var camelSink = new RecordingSink();

        await RealtimePageReader.ReadAsync(Stream(PascalPage), pascal, int.MaxValue, CancellationToken.None);
        await RealtimePageReader.ReadAsync(Stream(camel), camelSink, int.MaxValue, CancellationToken.None);

        Assert.Equal(pascal.Records, camelSink.Records);
    }

    [Fact]
    public async Task ReadAsync_OneByteAtATime_GivesTheSameResultAsOneChunk()
    {
        var whole = new RecordingSink();
        var trickle = new RecordingSink();

        var a = await RealtimePageReader.ReadAsync(Stream(PascalPage), whole, int.MaxValue, CancellationToken.None);
        var b = await RealtimePageReader.ReadAsync(new TrickleStream(Encoding.UTF8.GetBytes(PascalPage)), trickle, int.MaxValue, CancellationToken.None);

        Assert.Equal(whole.Records, trickle.Records);
        Assert.Equal(a.ScrollId, b.ScrollId);
        Assert.Equal(a.Total, b.Total);
    }

    [Fact]
    public async Task ReadAsync_RecordLargerThanTheInitialBuffer_GrowsAndDecodes()
    {
        var padding = new string('x', 200_000);
        var json = $$"""{"attendees":[{"SessionId":"big","Padding":"{{padding}}","ZoneName":"VPN"}],"total":1}""";
        var sink = new RecordingSink();

        var page = await RealtimePageReader.ReadAsync(new TrickleStream(Encoding.UTF8.GetBytes(json), chunk: 4096), sink, int.MaxValue, CancellationToken.None);

        Assert.Equal(1, page.Total);
        Assert.Equal("VPN", Assert.Single(sink.Records).Zone);
    }

    [Theory]
    [InlineData("", "empty body")]
    [InlineData("   ", "empty body")]
    [InlineData("<html><body>502</body></html>", "malformed")]
    [InlineData("[1,2,3]", "not a JSON object")]
    [InlineData("{\"total\":3,\"attendees\":[{\"SessionId\":\"a\"}", "truncated")]
    [InlineData("{\"total\":3,\"attendees\":[{\"SessionId\":\"a\"},{\"Sess", "truncated")]
    [InlineData("{\"total\": tru }", "malformed")]
    public async Task ReadAsync_BrokenBody_ThrowsMalformed(string body, string expected)
    {
        var ex = await Assert.ThrowsAsync<RevApiException>(() => RealtimePageReader.ReadAsync(Stream(body), new RecordingSink(), int.MaxValue, CancellationToken.None).AsTask());

        Assert.Equal(RevErrorKind.Malformed, ex.Kind);
        Assert.Contains(expected, ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ReadAsync_InvalidUtf8InAValue_BecomesReplacementCharacters()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"attendees\":[{\"SessionId\":\"s1\",\"ZoneName\":\"X\"}]}").ToList();
        bytes.InsertRange(bytes.IndexOf((byte)'X'), [0xC3, 0x28, 0xFF]);
        var sink = new RecordingSink();

        await RealtimePageReader.ReadAsync(new MemoryStream([.. bytes]), sink, int.MaxValue, CancellationToken.None);

        var zone = Assert.Single(sink.Records).Zone;
        Assert.Contains('\uFFFD', zone);
        Assert.EndsWith("(\uFFFDX", zone, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_InvalidUtf8InStructure_ThrowsMalformedWithoutEchoingTheBody()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"attendees\":[{\"SessionId\":\"secret-session\"}],\"total\":1}").ToList();
        bytes.Insert(bytes.LastIndexOf((byte)','), 0xFF);

        var ex = await Assert.ThrowsAsync<RevApiException>(() => RealtimePageReader.ReadAsync(new MemoryStream([.. bytes]), new RecordingSink(), int.MaxValue, CancellationToken.None).AsTask());

        Assert.Equal(RevErrorKind.Malformed, ex.Kind);
        Assert.DoesNotContain("secret-session", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_EscapedLoneSurrogate_ReadsAsMissingInsteadOfThrowing()
    {
        var sink = new RecordingSink();

        var page = await RealtimePageReader.ReadAsync(Stream("{\"scrollId\":\"\\ud800\",\"attendees\":[{\"SessionId\":\"s1\",\"ZoneName\":\"\\udc00\",\"AvgBitrateKbps\":\"\\ud800\"}]}"), sink, int.MaxValue, CancellationToken.None);

        Assert.Null(page.ScrollId);
        var record = Assert.Single(sink.Records);
        Assert.Equal(string.Empty, record.Zone);
        Assert.Null(record.Kbps);
    }

    [Fact]
    public async Task ReadAsync_ErrorBodyOn200_ReportsStatusCode()
    {
        var page = await RealtimePageReader.ReadAsync(Stream("{\"statusCode\":400,\"statusDescription\":\"Invalid scroll id\"}"), new RecordingSink(), int.MaxValue, CancellationToken.None);

        Assert.Equal(400, page.ErrorStatusCode);
    }

    [Fact]
    public async Task ReadAsync_NonObjectItemsAndNegativeCounts_AreCountedNotDecoded()
    {
        var sink = new RecordingSink();

        var page = await RealtimePageReader.ReadAsync(Stream("{\"total\":-5,\"attendees\":[1,null,\"x\",[1],{\"SessionId\":\"ok\"}]}"), sink, int.MaxValue, CancellationToken.None);

        Assert.Null(page.Total);
        Assert.Equal(4, page.InvalidItems);
        Assert.Equal("ok", Assert.Single(sink.Records).SessionId);
    }

    [Fact]
    public async Task ReadAsync_EscapedAndOverlongStrings_AreUnescapedAndCut()
    {
        var json = $$"""{"attendees":[{"SessionId":"a\u0062c","ZoneName":"{{new string('z', 1000)}}","Browser":"Ed\"ge"}]}""";
        var sink = new RecordingSink();

        await RealtimePageReader.ReadAsync(Stream(json), sink, int.MaxValue, CancellationToken.None);

        var record = Assert.Single(sink.Records);
        Assert.Equal("abc", record.SessionId);
        Assert.Equal("Ed\"ge", record.Browser);
        Assert.True(record.Zone.Length is > 100 and <= 256);
    }

    private static MemoryStream Stream(string json) => new(Encoding.UTF8.GetBytes(json));

    internal sealed record Captured(string SessionId, string Zone, string StreamType, string Browser, string Status, double? Errors, double? Failovers, double? BufferingCount, double? BufferingDuration, double? Kbps, double? Mbps);

    [Theory]
    [InlineData("\"StartTime\":\"2026-11-28T09:30:15.250Z\"", "2026-11-28T09:30:15.2500000+00:00")]
    [InlineData("\"startTime\":\"2026-11-28T10:30:15+01:00\"", "2026-11-28T09:30:15.0000000+00:00")]
    [InlineData("\"StartTime\":\"2026-11-28T09:30:15\"", "2026-11-28T09:30:15.0000000+00:00")]
    [InlineData("\"StartTime\":\"yesterday\"", null)]
    [InlineData("\"StartTime\":12345", null)]
    [InlineData("\"StartTime\":null", null)]
    public async Task ReadAsync_StartTime_IsAnIsoDateOrMissing(string field, string? expected)
    {
        var starts = new StartTimeSink();

        await RealtimePageReader.ReadAsync(Stream($$"""{"attendees":[{"SessionId":"s1",{{field}}}]}"""), starts, int.MaxValue, CancellationToken.None);

        Assert.Equal(expected is null ? null : DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Assert.Single(starts.Starts));
    }

    private sealed class StartTimeSink : IAttendeeSink
    {
        public List<DateTimeOffset?> Starts { get; } = [];

        public void Add(in AttendeeRecord record) => Starts.Add(record.ParseStartTime());
    }

    internal sealed class RecordingSink : IAttendeeSink
    {
        public List<Captured> Records { get; } = [];

        public void Add(in AttendeeRecord record) => Records.Add(new Captured(
            record.SessionId.ToString(), record.Zone.ToString(), record.StreamType.ToString(), record.Browser.ToString(), record.Status.ToString(),
            record.ExperiencedErrors, record.MulticastFailovers, record.BufferingCount, record.BufferingDuration, record.AvgBitrateKbps, record.AvgBandwidthMbps));
    }

    private sealed class TrickleStream(byte[] data, int chunk = 1) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(chunk, buffer.Length)], cancellationToken);
    }
}
