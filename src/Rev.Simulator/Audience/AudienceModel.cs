namespace Vbrick.Rev.Simulator.Audience;

/// <summary>
/// A deterministic audience: every viewer's join and leave times, zone, stream type, browser and
/// running totals are pure functions of (seed, viewer index, time), so any page at any time is
/// reproducible and tests can compute the ground truth independently of the HTTP path.
/// </summary>
public sealed class AudienceModel(SimulatedEvent simulated)
{
    public const string MulticastStream = "Multicast";
    public const string HlsStream = "HLS";
    public const string WebRtcStream = "WebRTC";

    /// <summary>The default office zones and their shares of the audience; an event may bring its own.</summary>
    public static readonly IReadOnlyList<(string? Zone, double Weight, bool Office)> DefaultZones =
    [
        ("London HQ", 0.25, true),
        ("New York Office", 0.20, true),
        ("Singapore Office", 0.12, true),
        ("VPN", 0.18, false),
        ("Home / Internet", 0.24, false),
        (null, 0.01, false),
    ];

    private static readonly (string Browser, double Weight)[] Browsers =
    [
        ("Chrome", 0.42), ("Edge", 0.36), ("Firefox", 0.08), ("Safari", 0.10), ("Vbrick Desktop App", 0.04),
    ];

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int[]> _orders = new(StringComparer.Ordinal);

    public SimulatedEvent Event { get; } = simulated;

    public int Viewers => Event.Viewers;

    /// <summary>The record Rev would list for viewer <paramref name="index"/> at <paramref name="at"/>, or null before they join.</summary>
    public ViewerRecord? At(int index, DateTimeOffset at)
    {
        if (Numbers(index, at) is not { } n)
        {
            return null;
        }

        return new ViewerRecord(
            index,
            SessionId: $"{Event.Seed:x}-{index:x8}-session",
            UserId: $"user-{Event.Seed}-{index}",
            Username: $"viewer{index}.s{Event.Seed}",
            FullName: FullName(index),
            Email: $"viewer{index}.s{Event.Seed}@example.test",
            IpAddress: $"198.18.{(index >> 8) & 0xff}.{index & 0xff}",
            UserAgent: $"Mozilla/5.0 (SimulatedOS) {n.Browser}/{100 + (index % 20)} viewer{index}",
            AttendeeType: AttendeeTypeOf(index),
            Numbers: n);
    }

    /// <summary>The viewer's zone, fixed for the event (cheap: no record is built).</summary>
    public string? ZoneOf(int index) => Event.DistinctZonePerViewer ? $"Zone {index:x6} {new string('z', index % 7)}" : PickZone(U(index, 5)).Zone;

    /// <summary>The viewer's stream type, fixed for the event.</summary>
    public string StreamTypeOf(int index)
    {
        var (zone, office) = Event.DistinctZonePerViewer ? (ZoneOf(index), false) : PickZone(U(index, 5));
        var unicastShare = Event.MulticastFallback is { } fallback && fallback.Zone == zone ? fallback.UnicastShare : 0.3;
        return office ? (U(index, 6) < 1 - unicastShare ? MulticastStream : HlsStream) : (zone == "VPN" || U(index, 6) < 0.8 ? HlsStream : WebRtcStream);
    }

    /// <summary>The viewer's browser, fixed for the event.</summary>
    public string BrowserOf(int index) => PickBrowser(U(index, 7));

    /// <summary>The value a real-time search on <paramref name="searchField"/> looks at; null for a field the simulator does not model.</summary>
    public string? SearchValueOf(int index, string searchField) => searchField.ToUpperInvariant() switch
    {
        "ZONENAME" => ZoneOf(index),
        "STREAMTYPE" => StreamTypeOf(index),
        "BROWSER" => BrowserOf(index),
        _ => null,
    };

    public string FullName(int index) => $"Viewer {index} Seed{Event.Seed}";

    public static string AttendeeTypeOf(int index) => index == 0 ? "Host" : index <= 2 ? "Moderator" : "Attendee";

    /// <summary>Everything about the viewer at <paramref name="at"/> except the personal strings; null before they join.</summary>
    public ViewerNumbers? Numbers(int index, DateTimeOffset at)
    {
        var minutes = (at - Event.StartsAt).TotalMinutes;
        var duration = Event.Duration.TotalMinutes;
        var join = U(index, 1) < 0.7 ? duration * 0.05 * U(index, 2) : duration * 0.8 * U(index, 2);
        if (minutes < join || minutes < 0)
        {
            return null;
        }

        var leave = U(index, 3) < Event.EarlyLeaverShare ? join + ((duration - join) * U(index, 4)) : duration;
        var online = minutes < leave;
        var zone = ZoneOf(index);
        var stream = StreamTypeOf(index);
        var browser = BrowserOf(index);

        var end = Math.Min(minutes, leave);
        var countFrom = join;
        if (U(index, 11) < Event.CounterRestartShare)
        {
            var restart = join + ((leave - join) * 0.5);
            if (end > restart)
            {
                countFrom = restart;
            }
        }

        var watched = Math.Max(0, end - countFrom);
        var inSpike = false;
        var spikeMinutes = 0.0;
        if (Event.Spike is { } spike && spike.Zone == zone && U(index, 16) < spike.AffectedShare)
        {
            var spikeStart = spike.StartOffset.TotalMinutes;
            var spikeEnd = spikeStart + spike.Duration.TotalMinutes;
            spikeMinutes = Math.Max(0, Math.Min(end, spikeEnd) - Math.Max(countFrom, spikeStart));
            inSpike = online && minutes >= spikeStart && minutes < spikeEnd;
        }

        var bufferingCount = Math.Floor(((0.02 + (0.05 * U(index, 8))) * watched) + (3.0 * spikeMinutes) + U(index, 9));
        var bufferingSeconds = bufferingCount * (1 + (3 * U(index, 10)));
        var errors = Math.Floor((0.005 * watched) + U(index, 12));
        var failovers = stream == MulticastStream ? Math.Floor((0.01 * watched) + U(index, 13)) : 0;
        var baseKbps = stream switch { MulticastStream => 3_000, HlsStream => 2_400, _ => 1_200 };
        var bitrate = baseKbps * (0.75 + (0.5 * U(index, 14))) * (1 + (0.1 * Math.Sin((minutes / 3) + index)));
        var bandwidth = 5 + (195 * U(index, 15));
        if (inSpike)
        {
            bitrate *= 0.35;
            bandwidth *= 0.3;
        }

        return new ViewerNumbers(
            online,
            zone,
            stream,
            browser,
            bufferingCount,
            Math.Round(bufferingSeconds, 3),
            errors,
            failovers,
            Math.Round(bitrate, 1),
            Math.Round(bandwidth, 2),
            Event.StartsAt + TimeSpan.FromMinutes(join),
            online ? null : Event.StartsAt + TimeSpan.FromMinutes(leave));
    }

    /// <summary>Every record Rev would list at <paramref name="at"/>, in scroll order.</summary>
    public IEnumerable<ViewerRecord> RecordsAt(DateTimeOffset at)
    {
        for (var i = 0; i < Viewers; i++)
        {
            if (At(i, at) is { } record)
            {
                yield return record;
            }
        }
    }

    public EventFigures FiguresAt(DateTimeOffset at) => FiguresAt(at, "All");

    /// <summary>
    /// Rev's event-wide figures over the viewers whose status matches (All, Online or Offline);
    /// <c>total</c> counts only those <paramref name="matches"/> accepts (a search's matching records).
    /// </summary>
    public EventFigures FiguresAt(DateTimeOffset at, string status, Func<int, bool>? matches = null)
    {
        var figures = new EventFigures.Builder(Event.RoleCountsOverAllSessions);
        long matching = 0;
        for (var i = 0; i < Viewers; i++)
        {
            if (Numbers(i, at) is { } n && (status.Equals("All", StringComparison.OrdinalIgnoreCase) || status.Equals(n.Online ? "Online" : "Offline", StringComparison.OrdinalIgnoreCase)))
            {
                figures.Add(AttendeeTypeOf(i), n.Online, n.BufferingCount, n.BufferingSeconds, n.Errors, n.MulticastFailovers);
                if (matches is null || matches(i))
                {
                    matching++;
                }
            }
        }

        return figures.Build() with { Total = matching };
    }

    /// <summary>
    /// The viewer indices in Rev's scroll order for <paramref name="sortField"/>: FullName (Rev's
    /// default), ZoneName, StreamType and Browser are modelled; any other field scrolls in join-list order. Computed once
    /// per order, an int per viewer: no pages are kept.
    /// </summary>
    public int[] Order(string? sortField, bool descending)
    {
        var key = $"{sortField?.ToUpperInvariant() ?? "FULLNAME"}:{descending}";
        return _orders.GetOrAdd(key, _ =>
        {
            var order = Enumerable.Range(0, Viewers).ToArray();
            string?[]? keys = (sortField ?? "FullName").ToUpperInvariant() switch
            {
                "FULLNAME" => [.. order.Select(FullName)],
                "ZONENAME" => [.. order.Select(ZoneOf)],
                "STREAMTYPE" => [.. order.Select(StreamTypeOf)],
                "BROWSER" => [.. order.Select(BrowserOf)],
                _ => null,
            };
            if (keys is not null)
            {
                Array.Sort(keys, order, StringComparer.Ordinal);
            }

            if (descending)
            {
                Array.Reverse(order);
            }

            return order;
        });
    }

    private (string? Zone, bool Office) PickZone(double u)
    {
        var zones = Event.Zones is { Count: > 0 } custom ? custom : DefaultZones;
        foreach (var (zone, weight, office) in zones)
        {
            if (u < weight)
            {
                return (zone, office);
            }

            u -= weight;
        }

        return (zones[0].Zone, zones[0].Office);
    }

    private static string PickBrowser(double u)
    {
        foreach (var (browser, weight) in Browsers)
        {
            if (u < weight)
            {
                return browser;
            }

            u -= weight;
        }

        return Browsers[0].Browser;
    }

    internal double U(int index, int salt) => DeterministicRandom.Unit(Event.Seed, index, salt);
}
