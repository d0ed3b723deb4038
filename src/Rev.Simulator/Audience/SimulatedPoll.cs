namespace Vbrick.Rev.Simulator.Audience;

public sealed record SimulatedPoll(string Id, string Question, bool AllowMultipleAnswers, long TotalResponses, long TotalNoResponses, IReadOnlyList<(string Answer, long Votes)> Answers);
