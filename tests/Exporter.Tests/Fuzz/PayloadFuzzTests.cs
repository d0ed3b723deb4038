using System.Text;
using System.Text.Json;
using CsCheck;
using Vbrick.Exporter.Aggregation;
using Vbrick.Exporter.PostEvent;
using Vbrick.Exporter.Rev;
using Vbrick.Exporter.Rev.Dto;

namespace Vbrick.Exporter.Tests.Fuzz;

/// <summary>
/// Random and mutated Rev payloads into the client's decoders and the aggregation: the only thing
/// allowed to escape is a classified <see cref="RevApiException"/>, and every label value that
/// comes out must be safe for the exposition format.
/// </summary>
public sealed class PayloadFuzzTests
{
    private const string ValidPage = """
        {"scrollId":"s","total":2,"hostCount":1,"moderatorCount":0,"attendeeCount":1,"status":"Active",
         "experiencedRebufferingPercentage":3,"averageExperiencedRebufferDuration":1.5,"experiencedErrorsPerAttendees":0.1,"multicastErrorsPerAttendees":0,
         "attendees":[{"SessionId":"a","ZoneName":"HQ","StreamType":"HLS","Browser":"Edge","Status":"Online","ExperiencedErrors":1,
           "MulticastFailovers":0,"ExperiencedBufferingDuration":2,"ExperiencedBufferingCount":1,"AvgBitrateKbps":2000,"AvgBandwidthMbps":10},
          {"sessionId":"b","zoneName":"VPN","status":"Offline"}]}
        """;

    private static readonly Gen<string> Fragment = Gen.OneOf(
        "null", "true", "-1", "1e308", "-1e308", "0.0000001", "\"\"", "\"x\"", "{}", "[]", "[[[[[[[[]]]]]]]]", "{\"a\":{\"b\":{\"c\":[1,2,3]}}}",
        "\"\\u0000\\n\\t\\\"\"", "\"\\ud800\"", "12345678901234567890123", "\"" + new string('z', 5000) + "\"", "NaN", "\"NaN\"", "\"Infinity\"");

    private static readonly Gen<string> Mutated = Gen.OneOf(
        Gen.Int[0, ValidPage.Length - 1].Select(Gen.Int[0, 255], (at, value) => Mutate(at, (byte)value)),
        Gen.Int[0, ValidPage.Length - 1].Select(at => ValidPage[..at]),
        Gen.Int[1, ValidPage.Length - 1].Select(Fragment, (at, text) => ValidPage[..at] + text + ValidPage[at..]),
        Gen.Select(Fragment, Fragment, Fragment, (a, b, c) => $$"""{"total":{{a}},"scrollId":{{b}},"attendees":[{"SessionId":{{c}},"ZoneName":{{a}},"AvgBitrateKbps":{{b}},"ExperiencedBufferingCount":{{c}}}]}"""),
        Gen.String.Select(s => s),
        Gen.Byte.Array[0, 400].Select(bytes => Encoding.Latin1.GetString(bytes)));

    [Fact]
    public void RealtimePage_RandomAndMutatedPayloads_OnlyCleanErrorsAndSafeLabels()
    {
        Mutated.Sample(payload =>
        {
            var audience = new EventAudience(50);
            var sweep = audience.StartSweep(DateTimeOffset.UnixEpoch);
            try
            {
                using var stream = new MemoryStream(Encoding.UTF8.GetBytes(payload));
                RealtimePageReader.ReadAsync(stream, sweep, int.MaxValue, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            }
            catch (RevApiException ex)
            {
                Assert.Equal(RevErrorKind.Malformed, ex.Kind);
                return;
            }

            var result = sweep.Complete(DateTimeOffset.UnixEpoch, null);
            foreach (var series in result.Series)
            {
                AssertSafeLabel(series.Zone);
                AssertSafeLabel(series.StreamType);
                AssertSafeLabel(series.Browser);
                Assert.True(series.Increase.BufferingEvents >= 0 && series.Increase.BufferingSeconds >= 0);
                Assert.All(series.Bitrates, b => Assert.True(double.IsFinite(b) && b >= 0));
            }
        }, iter: 3_000);
    }

    [Fact]
    public void PostEventReport_RandomAndMutatedPayloads_OnlyCleanErrorsAndSafeLabels()
    {
        const string report = """{"sessions":[{"zone":"HQ","browser":"Edge","deviceType":"PC","streamAccessed":"HLS","sessionTime":"1:00:00","viewingTime":"0:59:00","experiencedErrors":1,"bufferEvents":2,"username":"u"}],"totalSessions":1,"scrollId":null}""";
        var mutated = Gen.OneOf(
            Gen.Int[0, report.Length - 1].Select(Gen.Int[0, 255], (at, value) => report[..at] + (char)value + report[(at + 1)..]),
            Gen.Int[1, report.Length - 1].Select(Fragment, (at, text) => report[..at] + text + report[at..]),
            Gen.Select(Fragment, Fragment, (a, b) => $$"""{"sessions":[{"zone":{{a}},"sessionTime":{{b}},"viewingTime":{{a}},"bufferEvents":{{b}}}],"totalSessions":{{a}}}"""));

        mutated.Sample(payload =>
        {
            PostEventReportDto? dto;
            try
            {
                dto = JsonSerializer.Deserialize(payload, RevJsonContext.Default.PostEventReportDto);
            }
            catch (JsonException)
            {
                // RevClient turns this into RevApiException(Malformed); the fetch is retried later.
                return;
            }

            var aggregator = new PostEventRunAggregator("main", "post_event_report", new PostEventLabels(50));
            foreach (var session in dto?.Sessions ?? [])
            {
                if (session is not null)
                {
                    aggregator.Add(new PostEventSession(null, session.Zone, session.Browser, session.DeviceType, session.StreamAccessed, session.SessionTime, session.ViewingTime, session.ExperiencedErrors, session.MulticastErrors, session.BufferEvents, session.RebufferEvents, session.RebufferDuration));
                }
            }

            foreach (var series in aggregator.Build().Series)
            {
                AssertSafeLabel(series.Zone);
                Assert.True(series.BufferEvents is null or >= 0);
                Assert.True(series.ViewingSeconds is null || double.IsFinite(series.ViewingSeconds.Value));
            }
        }, iter: 2_000);
    }

    [Fact]
    public void PollsAndComments_RandomJson_NeverThrowAndGiveSafeLabels()
    {
        var json = Gen.Select(Fragment, Fragment, Fragment, (a, b, c) => Gen.OneOf(
            $$"""{"polls":[{"question":{{a}},"totalResponses":{{b}},"pollAnswers":{{c}}}]}""",
            $$"""[{"question":{{b}},"pollAnswers":[{"answer":{{a}},"votes":{{c}}}]}]""",
            $$$"""{"question":{{{c}}},"allowMultipleAnswers":{{{a}}},"pollAnswers":{"answer":{{{b}}},"votes":{{{a}}}}}""",
            $$"""{"comments":{{a}},"scrollId":{{b}}}""",
            $$"""[{"userId":{{a}},"username":{{b}},"comment":{{c}}}]""")).SelectMany(g => g);

        json.Sample(payload =>
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(payload);
            }
            catch (JsonException)
            {
                return;
            }

            using (document)
            {
                var polls = PollResultsParser.Parse(document.RootElement);
                foreach (var label in PollLabels.Distinct(polls.Select(p => p.Question)).Concat(polls.SelectMany(p => PollLabels.Distinct(p.Answers.Select(a => a.Answer)))))
                {
                    AssertSafeLabel(label);
                }

                var comments = CommentsParser.Parse(document.RootElement);
                Assert.True(comments.Comments >= 0);
            }
        }, iter: 2_000);
    }

    private static void AssertSafeLabel(string value)
    {
        Assert.False(string.IsNullOrWhiteSpace(value));
        Assert.True(value.Length <= LabelSanitizer.MaxLength, $"label of {value.Length} characters");
        Assert.DoesNotContain(value, char.IsControl);
        Assert.Equal(value.Trim(), value);
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]))
            {
                Assert.True(i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]), "lone high surrogate");
                i++;
            }
            else
            {
                Assert.False(char.IsLowSurrogate(value[i]), "lone low surrogate");
            }
        }
    }

    private static string Mutate(int at, byte value)
    {
        var bytes = Encoding.UTF8.GetBytes(ValidPage);
        bytes[Math.Min(at, bytes.Length - 1)] = value;
        return Encoding.Latin1.GetString(bytes);
    }
}
