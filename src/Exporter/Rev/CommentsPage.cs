namespace Vbrick.Exporter.Rev;

/// <summary>One page of an event's comment log: counts and commenter hashes only, never text or names.</summary>
public sealed record CommentsPage(int Comments, IReadOnlyList<ulong> CommenterKeys, string? ScrollId);
