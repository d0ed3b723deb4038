using System.Text.Json;
using Vbrick.Exporter.Rev;
using Vbrick.Exporter.Rev.Dto;

namespace Vbrick.Exporter.Tests.Rev;

/// <summary>The shapes the Rev reference leaves ambiguous, as the fixtures here show them.</summary>
public sealed class PostEventParsingTests
{
    [Fact]
    public void PollResults_DocumentedWrapper_IsRead()
    {
        var polls = Polls("""{"polls":[{"id":"1","question":"Q?","totalResponses":5,"totalNoResponses":2,"allowMultipleAnswers":false,"pollAnswers":[{"answer":"A","votes":3},{"answer":"B","votes":2}]}]}""");

        var poll = Assert.Single(polls);
        Assert.Equal(("Q?", false, 5L, 2L), (poll.Question, poll.AllowMultipleAnswers!.Value, poll.TotalResponses!.Value, poll.TotalNoResponses!.Value));
        Assert.Equal([new PollAnswer("A", 3), new PollAnswer("B", 2)], poll.Answers);
    }

    [Fact]
    public void PollResults_SingleObjectWithAnswerObject_AsInVbricksSample_IsRead()
    {
        var polls = Polls("""{"question":"Q?","totalResponses":"4","totalNoResponses":0,"allowMultipleAnswers":true,"pollAnswers":{"answer":"Only","votes":4}}""");

        var poll = Assert.Single(polls);
        Assert.True(poll.AllowMultipleAnswers);
        Assert.Equal(4, poll.TotalResponses);
        Assert.Equal(new PollAnswer("Only", 4), Assert.Single(poll.Answers));
    }

    [Theory]
    [InlineData("""[{"question":"Q1?"},{"question":"Q2?"}]""", 2)]
    [InlineData("""{"polls":[]}""", 0)]
    [InlineData("""{}""", 0)]
    [InlineData("""[1,"x",null,{"question":"Q?"}]""", 1)]
    [InlineData("""{"polls":{"question":"Q?","pollAnswers":[]}}""", 1)]
    public void PollResults_OtherShapes_AreReadOrIgnoredWithoutFailing(string json, int expected) =>
        Assert.Equal(expected, Polls(json).Count);

    [Fact]
    public void PollResults_EmptyBody_MeansNoPolls() => Assert.Empty(PollResultsParser.Parse(null));

    [Fact]
    public void PollResults_WrongTypes_ReadAsMissing()
    {
        var poll = Assert.Single(Polls("""{"polls":[{"question":42,"totalResponses":"many","allowMultipleAnswers":"yes","pollAnswers":[{"answer":null,"votes":-3}]}]}"""));

        Assert.Equal("42", poll.Question);
        Assert.Null(poll.TotalResponses);
        Assert.Null(poll.AllowMultipleAnswers);
        Assert.Equal(new PollAnswer(string.Empty, null), Assert.Single(poll.Answers));
    }

    [Fact]
    public void Comments_BareArray_CountsCommentsAndDistinctCommenters()
    {
        var page = Comments("""[{"commentId":"1","userId":"u1","username":"alice","comment":"hi"},{"commentId":"2","userId":"u1","username":"alice","comment":"again","hidden":true},{"commentId":"3","username":"bob"}]""");

        Assert.Equal(3, page.Comments);
        Assert.Equal(2, page.CommenterKeys.Distinct().Count());
        Assert.Null(page.ScrollId);
    }

    [Theory]
    [InlineData("""{"comments":[{"username":"a"}],"scrollId":"next"}""", 1, "next")]
    [InlineData("""{"items":[{"username":"a"},{"username":"b"}],"scrollId":null}""", 2, null)]
    [InlineData("""{"username":"a","date":"2018-04-17T14:45:20.824Z","comment":"single"}""", 1, null)]
    [InlineData("""{"comments":[]}""", 0, null)]
    public void Comments_WrappedOrSingle_AreRead(string json, int count, string? scrollId)
    {
        var page = Comments(json);

        Assert.Equal(count, page.Comments);
        Assert.Equal(scrollId, page.ScrollId);
    }

    [Fact]
    public void ReportPage_WrongTypesInSessions_ReadAsMissingNotAsAFailure()
    {
        var dto = JsonSerializer.Deserialize(
            """{"sessions":[{"zone":5,"browser":true,"experiencedErrors":"3","bufferEvents":{"x":1},"rebufferDuration":-1,"sessionTime":null,"viewingTime":[1]},null],"totalSessions":"1","scrollId":7}""",
            RevJsonContext.Default.PostEventReportDto)!;

        var session = dto.Sessions![0]!;
        Assert.Equal("5", session.Zone);
        Assert.Equal("true", session.Browser);
        Assert.Equal(3, session.ExperiencedErrors);
        Assert.Null(session.BufferEvents);
        Assert.Null(session.RebufferDuration);
        Assert.Null(session.SessionTime);
        Assert.Null(session.ViewingTime);
        Assert.Equal(1, dto.TotalSessions);
        Assert.Equal("7", dto.ScrollId);
    }

    [Fact]
    public void ViewerIdentity_FirstOfUsernameEmailName_CaseInsensitive()
    {
        Assert.Equal(ViewerIdentity.KeyOf("Alice", null, null), ViewerIdentity.KeyOf(" alice ", "x@example.test", null));
        Assert.Equal(ViewerIdentity.KeyOf(null, "A@Example.test", null), ViewerIdentity.KeyOf("", "a@example.TEST", "Name"));
        Assert.NotEqual(ViewerIdentity.KeyOf("alice"), ViewerIdentity.KeyOf("bob"));
        Assert.Null(ViewerIdentity.KeyOf(null, " ", ""));
    }

    private static IReadOnlyList<PollResult> Polls(string json)
    {
        using var document = JsonDocument.Parse(json);
        return PollResultsParser.Parse(document.RootElement);
    }

    private static CommentsPage Comments(string json)
    {
        using var document = JsonDocument.Parse(json);
        return CommentsParser.Parse(document.RootElement);
    }
}
