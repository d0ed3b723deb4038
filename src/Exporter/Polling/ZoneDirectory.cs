using Vbrick.Exporter.Metrics;
using Vbrick.Exporter.Rev;

namespace Vbrick.Exporter.Polling;

/// <summary>
/// The account's zone list (<c>GET /api/v2/zones</c>, GET family, never the real-time budget): the
/// zone census knows every office up front instead of waiting for a reading to show it. Read at
/// start and every <see cref="Refresh"/>; an API key without the right to list zones gets a log
/// line, <c>vbrick_exporter_zone_list_up 0</c>, and a census from the zones readings show.
/// </summary>
internal sealed partial class ZoneDirectory(RevClient client, WebcastPublisher publisher, TimeProvider time, ILogger<ZoneDirectory> logger)
{
    public static readonly TimeSpan Refresh = TimeSpan.FromMinutes(30);

    /// <summary>A refused list is asked for again this much later (the right may be granted meanwhile).</summary>
    public static readonly TimeSpan RetryRefused = TimeSpan.FromHours(1);

    private bool _refusedLogged;

    public DateTimeOffset NextReadAt { get; private set; } = DateTimeOffset.MinValue;

    public IReadOnlyList<string> Names { get; private set; } = [];

    public async Task ReadAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        try
        {
            var zones = await client.GetZonesAsync(cancellationToken);
            Names = [.. zones.Select(z => z.Name)];
            NextReadAt = now + Refresh;
            _refusedLogged = false;
            publisher.PublishZoneList(zones);
            Log.Read(logger, Names.Count);
        }
        catch (RevApiException ex)
        {
            var refused = ex.Kind is RevErrorKind.Unauthorized or RevErrorKind.Forbidden;
            NextReadAt = now + (refused ? RetryRefused : Refresh / 6);
            publisher.PublishZoneList(null);
            if (!refused)
            {
                Log.Failed(logger, ex.Reason, ex.Message);
            }
            else if (!_refusedLogged)
            {
                _refusedLogged = true;
                Log.Refused(logger, ex.Reason);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 700, Level = LogLevel.Debug, Message = "Read the account's zone list: {Zones} zones")]
        public static partial void Read(ILogger logger, int zones);

        [LoggerMessage(EventId = 701, Level = LogLevel.Warning, Message = "Rev refused the zone list ({Reason}): the API key may lack the right to list zones. Zone head counts use the zones readings show")]
        public static partial void Refused(ILogger logger, string reason);

        [LoggerMessage(EventId = 702, Level = LogLevel.Warning, Message = "Reading the zone list failed ({Reason}): {Detail}; trying again in five minutes")]
        public static partial void Failed(ILogger logger, string reason, string detail);
    }
}
