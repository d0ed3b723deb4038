namespace Vbrick.Exporter.Rev;

/// <summary>One poll of an event; a count Rev left out is null.</summary>
public sealed record PollResult(string Question, bool? AllowMultipleAnswers, long? TotalResponses, long? TotalNoResponses, IReadOnlyList<PollAnswer> Answers);

public sealed record PollAnswer(string Answer, long? Votes);
