using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Vbrick.Exporter.Tests.Support;

/// <summary>
/// An OTLP metrics receiver on loopback: OTLP/HTTP (protobuf) on one port and OTLP/gRPC (HTTP/2
/// cleartext) on another. <see cref="Stall"/> makes it hold every request, like a collector that
/// accepted the connection and then hung.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<List<OtlpPoint>> _pushes = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly TaskCompletionSource _release = NewRelease();

    private OtlpReceiver(WebApplication app) => _app = app;

    public Uri HttpEndpoint { get; private set; } = null!;

    public Uri GrpcEndpoint { get; private set; } = null!;

    public int Stalled => _stalled;

    private int _stalled;

    /// <summary>When set, requests wait (without answering) until <see cref="Unstall"/>.</summary>
    public bool Stall { get; set; }

    public IReadOnlyList<List<OtlpPoint>> Pushes => [.. _pushes];

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1);
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2);
        });
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/metrics", async context =>
        {
            await receiver.ReceiveAsync(await ReadBodyAsync(context.Request));
            context.Response.ContentType = "application/x-protobuf";
        });
        app.MapPost("/opentelemetry.proto.collector.metrics.v1.MetricsService/Export", async context =>
        {
            var body = await ReadBodyAsync(context.Request);

            // gRPC frames: 1 byte compressed flag, 4 bytes big-endian length, then the message.
            await receiver.ReceiveAsync(body.AsSpan(5).ToArray());
            context.Response.ContentType = "application/grpc";
            await context.Response.Body.WriteAsync(new byte[5]);
            context.Response.AppendTrailer("grpc-status", "0");
        });
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();
        receiver.HttpEndpoint = new Uri(addresses[0]);
        receiver.GrpcEndpoint = new Uri(addresses[1]);
        return receiver;
    }

    /// <summary>Waits for the next push (decoded) to arrive.</summary>
    public async Task WaitForPushAsync(TimeSpan timeout)
    {
        if (!await _arrived.WaitAsync(timeout))
        {
            throw new TimeoutException("No OTLP push arrived.");
        }
    }

    public void Unstall()
    {
        Stall = false;
        _release.TrySetResult();
    }

    private async Task ReceiveAsync(byte[] message)
    {
        _pushes.Enqueue(OtlpWire.DecodeRequest(message));
        _arrived.Release();
        if (Stall)
        {
            Interlocked.Increment(ref _stalled);
            await _release.Task;
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private static TaskCompletionSource NewRelease() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask DisposeAsync()
    {
        _release.TrySetResult();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}
