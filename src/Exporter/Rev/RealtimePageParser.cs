using System.Text.Json;

namespace Vbrick.Exporter.Rev;

/// <summary>
/// The synchronous half of <see cref="RealtimePageReader"/>: consumes complete units (one top-level
/// property, or one attendee object) from the bytes it is given and reports how far it got, so the
/// caller can fetch more bytes and resume from the saved reader state.
/// </summary>
internal sealed class RealtimePageParser(IAttendeeSink sink, int maxRecords = int.MaxValue)
{
    private enum Mode
    {
        Start,
        TopLevel,
        Attendees,
        Done,
    }

    // The decoder's scratch buffers are used only inside one synchronous Process call, so one per
    // thread serves every page instead of allocating ~4 KB of scratch per page.
    [ThreadStatic]
    private static JsonFieldDecoder? t_decoder;

    private Mode _mode = Mode.Start;

    public RealtimePage Page { get; } = new();

    public bool SawAnyToken { get; private set; }

    /// <returns>True once the root object has been read completely.</returns>
    public bool Process(ReadOnlySpan<byte> data, bool final, ref JsonReaderState state, out int consumed)
    {
        consumed = 0;
        while (_mode != Mode.Done)
        {
            var reader = new Utf8JsonReader(data[consumed..], final, state);
            if (_mode == Mode.Attendees)
            {
                // One reader for every attendee object the bytes hold: the position and state at the
                // last complete object are what a resumed call starts from.
                var complete = 0L;
                var completeState = state;
                while (ReadAttendeeItem(ref reader))
                {
                    complete = reader.BytesConsumed;
                    completeState = reader.CurrentState;
                    if (_mode != Mode.Attendees)
                    {
                        break;
                    }
                }

                consumed += (int)complete;
                state = completeState;
                if (_mode == Mode.Attendees)
                {
                    return false;
                }

                continue;
            }

            var done = _mode == Mode.Start ? ReadStart(ref reader) : ReadTopLevelProperty(ref reader);
            if (!done)
            {
                return false;
            }

            consumed += (int)reader.BytesConsumed;
            state = reader.CurrentState;
        }

        return true;
    }

    private bool ReadStart(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            return false;
        }

        SawAnyToken = true;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new RevApiException(RevErrorKind.Malformed, "Rev's real-time answer is not a JSON object.");
        }

        _mode = Mode.TopLevel;
        return true;
    }

    private bool ReadTopLevelProperty(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            return false;
        }

        if (reader.TokenType == JsonTokenType.EndObject)
        {
            _mode = Mode.Done;
            return true;
        }

        Span<char> nameBuffer = stackalloc char[JsonFieldDecoder.MaxNameLength];
        var name = JsonFieldDecoder.LowerCaseName(reader.ValueSpan, reader.ValueIsEscaped, nameBuffer);
        if (!reader.Read())
        {
            return false;
        }

        if (name.SequenceEqual("attendees") && reader.TokenType == JsonTokenType.StartArray)
        {
            _mode = Mode.Attendees;
            return true;
        }

        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            return reader.TrySkip();
        }

        var page = Page;
        switch (name)
        {
            case "scrollid": page.ScrollId = JsonFieldDecoder.ReadString(ref reader); break;
            case "total": page.Total = JsonFieldDecoder.ReadCount(ref reader); break;
            case "hostcount": page.HostCount = JsonFieldDecoder.ReadCount(ref reader); break;
            case "moderatorcount": page.ModeratorCount = JsonFieldDecoder.ReadCount(ref reader); break;
            case "attendeecount": page.AttendeeCount = JsonFieldDecoder.ReadCount(ref reader); break;
            case "status": page.AggregationStatus = JsonFieldDecoder.ReadString(ref reader); break;
            case "experiencedrebufferingpercentage": page.RebufferingPercentage = JsonFieldDecoder.ReadNumber(ref reader); break;
            case "averageexperiencedrebufferduration": page.AverageRebufferDuration = JsonFieldDecoder.ReadNumber(ref reader); break;
            case "experiencederrorsperattendees": page.ErrorsPerAttendee = JsonFieldDecoder.ReadNumber(ref reader); break;
            case "multicasterrorsperattendees": page.MulticastErrorsPerAttendee = JsonFieldDecoder.ReadNumber(ref reader); break;
            case "statuscode": page.ErrorStatusCode = JsonFieldDecoder.ReadCount(ref reader) is { } code and <= int.MaxValue ? (int)code : null; break;
        }

        return true;
    }

    private bool ReadAttendeeItem(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            return false;
        }

        switch (reader.TokenType)
        {
            case JsonTokenType.EndArray:
                _mode = Mode.TopLevel;
                return true;
            case JsonTokenType.StartObject:
                if (!(t_decoder ??= new JsonFieldDecoder()).TryDecodeAttendee(ref reader, out var record))
                {
                    return false;
                }

                if (Page.AttendeesRead >= maxRecords)
                {
                    throw new RevApiException(RevErrorKind.Malformed, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Rev sent more than the {maxRecords} records asked for on one page; the page is not read further."));
                }

                Page.AttendeesRead++;
                sink.Add(in record);
                return true;
            case JsonTokenType.StartArray:
                if (!reader.TrySkip())
                {
                    return false;
                }

                Page.InvalidItems++;
                return true;
            default:
                Page.InvalidItems++;
                return true;
        }
    }
}
