using System.Buffers;
using System.Text.Json;

namespace Vbrick.Exporter.Rev;

/// <summary>
/// Streams one real-time attendee page: the response is read in chunks into a pooled buffer and
/// each attendee object is decoded as soon as it is complete, so memory follows the largest single
/// record, never the response size. Keys are matched case-insensitively because Rev's spec writes
/// PascalCase and its TypeScript client camelCase.
/// </summary>
public static class RealtimePageReader
{
    private const int InitialBufferBytes = 64 * 1024;

    // A single attendee record larger than this is hostile input, not a webcast.
    private const int MaxRecordBytes = 4 * 1024 * 1024;

    /// <param name="stream">The response body.</param>
    /// <param name="sink">Where each attendee goes, as it is decoded.</param>
    /// <param name="maxRecords">
    /// The records asked for (<c>count</c>): a page that holds more is malformed, and is not read
    /// further (a hostile or broken Rev could otherwise hand over a million records at once).
    /// </param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async ValueTask<RealtimePage> ReadAsync(Stream stream, IAttendeeSink sink, int maxRecords, CancellationToken cancellationToken)
    {
        var parser = new RealtimePageParser(sink, maxRecords);
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBufferBytes);
        var start = 0;
        var end = 0;
        var final = false;
        // Comments are not JSON and Rev sends none: the strict tokenizer is the fast one (skipping
        // comments costs about a tenth of the tokenizer's time on every token).
        var state = new JsonReaderState(new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            while (true)
            {
                bool done;
                try
                {
                    done = parser.Process(buffer.AsSpan(start, end - start), final, ref state, out var consumed);
                    start += consumed;
                }
                catch (JsonException ex)
                {
                    var message = !final ? "Rev answered with malformed JSON."
                        : parser.SawAnyToken ? "Rev answered with malformed or truncated JSON."
                        : buffer.AsSpan(start, end - start).Trim(" \t\r\n"u8).IsEmpty ? "Rev answered with an empty body."
                        : "Rev answered with malformed JSON.";
                    throw new RevApiException(RevErrorKind.Malformed, message, inner: ex);
                }

                if (done)
                {
                    return parser.Page;
                }

                if (final)
                {
                    throw new RevApiException(
                        RevErrorKind.Malformed,
                        parser.SawAnyToken ? "Rev's response ended before the JSON was complete." : "Rev answered with an empty body.");
                }

                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }

                if (end == buffer.Length)
                {
                    if (buffer.Length >= MaxRecordBytes)
                    {
                        throw new RevApiException(RevErrorKind.Malformed, "Rev sent a single JSON value larger than the exporter accepts.");
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    Buffer.BlockCopy(buffer, 0, larger, 0, end);
                    ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
                    buffer = larger;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken);
                if (read == 0)
                {
                    final = true;
                }
                else
                {
                    end += read;
                }
            }
        }
        finally
        {
            // The buffer held Rev's bytes (attendees' personal fields among them): cleared before
            // the pool hands it to anyone else.
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }
    }
}
