using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Vbrick.Rev.Simulator.Audience;
using Vbrick.Rev.Simulator.Endpoints;
using Vbrick.Rev.Simulator.Faults;

namespace Vbrick.Rev.Simulator;

/// <summary>
/// A Rev tenant on loopback HTTP: authentication with expiring tokens, event status, real-time
/// attendees with scroll paging and Rev's rate limit, plus fault injection for tests. Demo mode
/// and the tests both talk to it over real HTTP, so the exporter's whole client path is exercised.
/// </summary>
public sealed class RevSimulator : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ScrollCursor> _scrolls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AudienceModel> _audiences;
    private readonly ConcurrentQueue<string> _issuedTokens = new();
    private readonly SlidingWindowLimiter? _limiter;
    private readonly IRequestHold _hold;
    private WebApplication? _app;
    private CancellationTokenSource _stopping = new();
    private long _nextId;

    /// <param name="options">The tenant: its webcasts, credentials, limits and dialect.</param>
    /// <param name="time">The simulator's clock; the system's when omitted.</param>
    /// <param name="hold">Where requests wait on the simulator's clock; the default is a plain delay (see <see cref="IRequestHold"/>).</param>
    public RevSimulator(RevSimulatorOptions options, TimeProvider? time = null, IRequestHold? hold = null)
    {
        Options = options;
        Time = time ?? TimeProvider.System;
        _hold = hold ?? ClockHold.Instance;
        _audiences = new(options.Events.Select(e => KeyValuePair.Create(e.Id, new AudienceModel(e))), StringComparer.OrdinalIgnoreCase);
        _limiter = options.RealtimeRequestsPerMinute is { } limit ? new SlidingWindowLimiter(limit) : null;
    }

    public RevSimulatorOptions Options { get; }

    public TimeProvider Time { get; }

    public FaultPlan Faults { get; } = new();

    public SimulatorStats Stats { get; } = new();

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Every token ever issued, so tests can prove none leaks.</summary>
    public IReadOnlyCollection<string> IssuedTokens => _issuedTokens;

    /// <summary>Starts listening on 127.0.0.1 (https when given a certificate); port 0 picks a free one.</summary>
    public async Task StartAsync(int port = 0, X509Certificate2? certificate = null, CancellationToken cancellationToken = default)
    {
        if (_stopping.IsCancellationRequested)
        {
            _stopping.Dispose();
            _stopping = new CancellationTokenSource();
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        builder.Services.AddSingleton(this);
        _app = builder.Build();
        AuthenticationEndpoints.Map(_app, this);
        EventStatusEndpoints.Map(_app, this);
        RealtimeAttendeeEndpoints.Map(_app, this);
        PostEventEndpoints.Map(_app, this);
        ZoneEndpoints.Map(_app, this);
        await _app.StartAsync(cancellationToken);
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
    }

    /// <summary>
    /// Configuration for a client of this simulator, in the exporter's keys: its address (plain http
    /// unless started with a certificate), credentials, and the ids of its events.
    /// </summary>
    public Dictionary<string, string?> ClientSettings()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Rev:Url"] = BaseAddress.ToString(),
            ["Rev:ApiKey"] = Options.ApiKey,
            ["Rev:Secret"] = Options.Secret,
            ["Rev:AllowInsecureHttp"] = BaseAddress.Scheme == Uri.UriSchemeHttp ? "true" : "false",
        };
        for (var i = 0; i < Options.Events.Count; i++)
        {
            settings[$"Events:Ids:{i}"] = Options.Events[i].Id;
        }

        return settings;
    }

    /// <summary>The audience of one event, for ground truth in tests.</summary>
    public AudienceModel Audience(string eventId) => _audiences[eventId];

    /// <summary>Adds a webcast while running (discovery tests).</summary>
    public void AddEvent(SimulatedEvent simulated)
    {
        _audiences[simulated.Id] = new AudienceModel(simulated);
        lock (Options.Events)
        {
            Options.Events.Add(simulated);
        }
    }

    /// <summary>What Rev keeps about the event after it ends, for ground truth in tests.</summary>
    public PostEventModel PostEvent(string eventId) => new(_audiences[eventId], Options.PreProductionSessions);

    public void RevokeAllTokens() => _tokens.Clear();

    /// <summary>Stops answering (Rev is down); <see cref="StartAsync"/> on the same port brings it back with its state.</summary>
    public async Task StopAsync()
    {
        if (_app is not null)
        {
            // A stopping simulator holds nothing, so it stops at once, as if its requests were cut off.
            await _stopping.CancelAsync();
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stopping.Dispose();
    }

    /// <summary>Holds a request for <paramref name="delay"/> of the simulator's clock, until the client goes or the simulator stops.</summary>
    internal async Task HoldAsync(HttpContext context, TimeSpan delay)
    {
        using var held = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        await _hold.HoldAsync(context.Request, delay, Time, held.Token);
    }

    internal bool TryGetAudience(string eventId, out AudienceModel audience) => _audiences.TryGetValue(eventId, out audience!);

    internal string IssueToken()
    {
        var token = $"sim-{Guid.NewGuid():N}";
        _tokens[token] = Time.GetUtcNow() + Options.TokenLifetime;
        _issuedTokens.Enqueue(token);
        return token;
    }

    internal DateTimeOffset? ExpirationOf(string token) => _tokens.TryGetValue(token, out var expires) ? expires : null;

    internal bool IsValidToken(string? token) =>
        token is not null && _tokens.TryGetValue(token, out var expires) && Time.GetUtcNow() < expires;

    internal DateTimeOffset Extend(string token)
    {
        var expires = Time.GetUtcNow() + Options.TokenLifetime;
        _tokens[token] = expires;
        return expires;
    }

    internal TimeSpan? TryAcceptRealtime() => _limiter?.TryAccept(Time.GetUtcNow());

    internal string StoreScroll(ScrollCursor cursor, string? currentId)
    {
        var id = Options.Dialect.ScrollIds == ScrollIds.Stable && currentId is not null ? currentId : $"scroll-{Interlocked.Increment(ref _nextId)}-{Guid.NewGuid():N}";
        cursor.LastUsed = Time.GetUtcNow();
        _scrolls[id] = cursor;
        return id;
    }

    internal ScrollCursor? TakeScroll(string id, bool keep)
    {
        if (!_scrolls.TryGetValue(id, out var cursor))
        {
            return null;
        }

        if (Time.GetUtcNow() - cursor.LastUsed > Options.ScrollLifetime)
        {
            _scrolls.TryRemove(id, out _);
            return null;
        }

        if (!keep)
        {
            // Scroll ids only move forward: a used id is gone.
            _scrolls.TryRemove(id, out _);
        }

        return cursor;
    }

    internal void ForgetScroll(string id) => _scrolls.TryRemove(id, out _);
}
