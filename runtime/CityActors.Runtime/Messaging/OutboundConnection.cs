using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using CityActors.Runtime.Cluster;
using CityActors.Runtime.Invocation;

namespace CityActors.Runtime.Messaging;

/// <summary>What the calling side does with answers it cannot settle itself.</summary>
internal interface IOutboundOwner
{
    JsonSerializerOptions Json { get; }

    /// <summary>The peer does not own the grain's shard: refresh the map and route the request again.</summary>
    void OnNotOwner(GrainRequest request, string remote);

    /// <summary>The peer is shutting down: stop using this connection for new calls.</summary>
    void OnGoAway(OutboundConnection connection);
}

/// <summary>
/// The connecting side of a connection: sends requests, cancels and map requests, matches responses to them by
/// correlation id. Calls in flight when the connection drops fail with <see cref="SiloUnavailableException"/>: the
/// peer may or may not have run them, so they are not retried blindly.
/// </summary>
internal sealed class OutboundConnection : Connection
{
    private readonly ConcurrentDictionary<long, GrainRequest> _pending = new();
    private readonly ConcurrentDictionary<long, TaskCompletionSource<ShardMap>> _mapRequests = new();
    private readonly IOutboundOwner _owner;
    private long _nextCorrelation;
    private volatile bool _goingAway;

    private OutboundConnection(Socket socket, string remote, IOutboundOwner owner)
        : base(socket, remote) => _owner = owner;

    public int PendingCount => _pending.Count;

    public static async Task<OutboundConnection> ConnectAsync(string endpoint, IOutboundOwner owner, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var address = ParseEndpoint(endpoint);
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            await socket.ConnectAsync(address, limit.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            socket.Dispose();
            throw new SiloUnavailableException($"Cannot connect to silo at {endpoint}: {ex.Message}");
        }

        var connection = new OutboundConnection(socket, endpoint, owner);
        connection.Start();
        return connection;
    }

    public static IPEndPoint ParseEndpoint(string endpoint)
    {
        var separator = endpoint.LastIndexOf(':');
        if (separator <= 0 || !int.TryParse(endpoint.AsSpan(separator + 1), System.Globalization.CultureInfo.InvariantCulture, out var port))
        {
            throw new FormatException($"Endpoint '{endpoint}' is not host:port.");
        }

        var host = endpoint[..separator].Trim('[', ']');
        var address = IPAddress.TryParse(host, out var ip) ? ip : Dns.GetHostAddresses(host).First(a => a.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6);
        return new IPEndPoint(address, port);
    }

    /// <summary>Sends a request; its answer completes it. False if the connection is already closed (nothing was sent).</summary>
    public bool SendRequest(GrainRequest request, int timeoutMilliseconds)
    {
        if (_goingAway)
        {
            return false;
        }

        var correlationId = Interlocked.Increment(ref _nextCorrelation);
        var frame = WireWriter.StartFrame(FrameKind.Request, correlationId);
        frame.WriteInt32(timeoutMilliseconds);
        frame.WriteString(request.Target.Type);
        frame.WriteString(request.Target.Key);
        frame.WriteString(request.MethodId);
        frame.WriteString(request.TraceParent ?? "");
        using (var json = new System.Text.Json.Utf8JsonWriter(frame))
        {
            request.WriteArguments(json, _owner.Json);
        }

        _pending[correlationId] = request;
        if (!Send(frame.Finish()))
        {
            _pending.TryRemove(correlationId, out _);
            return false;
        }

        return true;
    }

    public Task<ShardMap> RequestMapAsync()
    {
        var correlationId = Interlocked.Increment(ref _nextCorrelation);
        var answer = new TaskCompletionSource<ShardMap>(TaskCreationOptions.RunContinuationsAsynchronously);
        _mapRequests[correlationId] = answer;
        if (!Send(WireWriter.StartFrame(FrameKind.MapRequest, correlationId, 0).Finish()))
        {
            _mapRequests.TryRemove(correlationId, out _);
            answer.TrySetException(new SiloUnavailableException($"Connection to {Remote} is closed."));
        }

        return answer.Task;
    }

    /// <summary>Fails calls whose caller cancelled or whose deadline passed, and tells the peer to stop waiting on them.</summary>
    public void SweepDeadlines(long now)
    {
        foreach (var (correlationId, request) in _pending)
        {
            if (!request.IsCompleted && now < request.DeadlineTimestamp)
            {
                continue;
            }

            if (_pending.TryRemove(correlationId, out _))
            {
                request.ExpireDeadline($"no answer from silo {Remote} in time");
                Send(WireWriter.StartFrame(FrameKind.Cancel, correlationId, 0).Finish());
            }
        }
    }

    protected override void OnFrame(FrameKind kind, long correlationId, ReadOnlySpan<byte> body)
    {
        switch (kind)
        {
            case FrameKind.Response:
                if (_pending.TryRemove(correlationId, out var request))
                {
                    Complete(request, body);
                }

                break;
            case FrameKind.MapResponse:
                if (_mapRequests.TryRemove(correlationId, out var answer))
                {
                    answer.TrySetResult(ShardMapCodec.Read(body));
                }

                break;
            case FrameKind.GoAway:
                _goingAway = true;
                _owner.OnGoAway(this);
                break;
            default:
                throw new InvalidDataException($"Unexpected frame kind {kind} from {Remote}.");
        }

        if (_goingAway && _pending.IsEmpty && _mapRequests.IsEmpty)
        {
            // Everything sent here was answered: the peer may now close without cutting anything off.
            _ = DisposeAsync();
        }
    }

    protected override void OnClosed(Exception? reason)
    {
        var error = $"Connection to silo {Remote} was lost{(reason is null ? "" : $" ({reason.Message})")}";
        foreach (var correlationId in _pending.Keys)
        {
            if (_pending.TryRemove(correlationId, out var request))
            {
                request.TryFail(new SiloUnavailableException($"{error} while call {request.InterfaceName}.{request.MethodName} to {request.Target} was in flight; it may or may not have run."));
            }
        }

        foreach (var correlationId in _mapRequests.Keys)
        {
            if (_mapRequests.TryRemove(correlationId, out var answer))
            {
                answer.TrySetException(new SiloUnavailableException($"{error} before it sent the shard map."));
            }
        }
    }

    private void Complete(GrainRequest request, ReadOnlySpan<byte> body)
    {
        var reader = new WireReader(body);
        switch ((ResponseStatus)reader.ReadByte())
        {
            case ResponseStatus.Ok:
                request.CompleteFromWire(reader.Rest, _owner.Json);
                break;
            case ResponseStatus.Error:
                var type = reader.ReadString();
                request.TryFail(RemoteExceptions.Create(type, reader.ReadString()));
                break;
            case ResponseStatus.NotOwner:
                _owner.OnNotOwner(request, Remote);
                break;
            default:
                request.TryFail(new InvalidDataException($"Unknown response status from {Remote}."));
                break;
        }
    }
}
