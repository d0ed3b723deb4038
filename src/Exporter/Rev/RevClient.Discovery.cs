using System.Globalization;
using Vbrick.Exporter.Configuration;
using Vbrick.Exporter.Rev.Dto;

namespace Vbrick.Exporter.Rev;

/// <summary>The discovery endpoint: webcasts in a time window.</summary>
public sealed partial class RevClient
{
    /// <summary>Webcasts whose window overlaps [after, before]: Rev filters <c>after</c> on the end date and <c>before</c> on the start date.</summary>
    public Task<IReadOnlyList<ScheduledEvent>> ListEventsAsync(DateTimeOffset after, DateTimeOffset before, CancellationToken cancellationToken) =>
        CallAsync<IReadOnlyList<ScheduledEvent>>(RevEndpoint.ListEvents, async deadline =>
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"api/v2/scheduled-events?after={Uri.EscapeDataString(after.UtcDateTime.ToString("o", CultureInfo.InvariantCulture))}&before={Uri.EscapeDataString(before.UtcDateTime.ToString("o", CultureInfo.InvariantCulture))}&sortField=startDate&sortDirection=asc");
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            using var response = await SendAsync(request, RevEndpoint.ListEvents, scrolling: false, deadline);
            var items = await ReadAsync(response, RevJsonContext.Default.ListScheduledEventDto, deadline) ?? [];
            return [.. items
                .Where(i => i?.Id is { } id && Guid.TryParse(id, out _))
                .Select(i => new ScheduledEvent(EventIds.Canonical(i!.Id!), i.Title ?? "unknown", i.StartDate, i.EndDate))];
        }, cancellationToken);

}
