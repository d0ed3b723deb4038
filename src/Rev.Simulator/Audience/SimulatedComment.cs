namespace Vbrick.Rev.Simulator.Audience;

public sealed record SimulatedComment(string CommentId, string UserId, string Username, DateTimeOffset Date, string Text, bool Hidden);
