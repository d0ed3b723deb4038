using System.Text.Json;

namespace Vbrick.Exporter.Rev;

/// <summary>
/// Rev's comment log is a bare array; whether it pages is not documented, so an object wrapping the
/// array (<c>comments</c>, <c>items</c> or <c>data</c>) with a <c>scrollId</c> is accepted too.
/// Only counts and commenter hashes leave this class: never a comment text or a username.
/// </summary>
internal static class CommentsParser
{
    public static CommentsPage Parse(JsonElement? root)
    {
        if (root is not { } value)
        {
            return new CommentsPage(0, [], null);
        }

        JsonElement? items = value;
        string? scrollId = null;
        if (value.ValueKind == JsonValueKind.Object)
        {
            items = value.Property("comments") ?? value.Property("items") ?? value.Property("data");
            scrollId = value.Text("scrollId");
            if (items is null && value.Property("comment") is not null)
            {
                // Vbrick's page shows a single comment object.
                items = value;
            }
        }

        var comments = items.OneOrMany().ToList();
        var commenters = comments
            .Select(c => ViewerIdentity.KeyOf(c.Text("userId"), c.Text("username")))
            .OfType<ulong>()
            .ToList();
        return new CommentsPage(comments.Count, commenters, string.IsNullOrWhiteSpace(scrollId) ? null : scrollId);
    }
}
