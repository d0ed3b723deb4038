using System.Text.Json;

namespace Vbrick.Exporter.Rev;

/// <summary>
/// Rev's poll results come as <c>{"polls":[...]}</c>, a bare array, or (in Vbrick's own sample) one
/// poll object whose <c>pollAnswers</c> is an object rather than an array: all are accepted.
/// </summary>
internal static class PollResultsParser
{
    public static IReadOnlyList<PollResult> Parse(JsonElement? root)
    {
        if (root is not { } value)
        {
            return [];
        }

        var polls = value.ValueKind == JsonValueKind.Object && value.Property("question") is null
            ? value.Property("polls").OneOrMany()
            : ((JsonElement?)value).OneOrMany();
        return [.. polls.Select(ToPoll)];
    }

    private static PollResult ToPoll(JsonElement poll) => new(
        poll.Text("question") ?? string.Empty,
        poll.Flag("allowMultipleAnswers"),
        poll.Count("totalResponses"),
        poll.Count("totalNoResponses"),
        [.. poll.Property("pollAnswers").OneOrMany().Select(a => new PollAnswer(a.Text("answer") ?? string.Empty, a.Count("votes")))]);
}
