using System.Collections.Concurrent;
using System.Net.Sockets;
using CityActors.Runtime.Invocation;

namespace CityActors.Runtime.Messaging;

/// <summary>Serves what a silo receives: grain calls from other silos and clients, cancellations, and shard-map requests.</summary>
internal interface IInboundHandler
{
    void HandleRequest(InboundConnection connection, long correlationId, ReadOnlySpan<byte> body);

    void HandleMapRequest(InboundConnection connection, long correlationId);
}

/// <summary>The accepting side of a connection: requests in, responses out. Tracks calls in flight so cancels can find them.</summary>
internal sealed class InboundConnection(Socket socket, string remote, IInboundHandler handler) : Connection(socket, remote)
{
    private readonly ConcurrentDictionary<long, GrainRequest> _inFlight = new();

    public int InFlightCount => _inFlight.Count;

    public void Track(long correlationId, GrainRequest request) => _inFlight[correlationId] = request;

    public void Untrack(long correlationId) => _inFlight.TryRemove(correlationId, out _);

    /// <summary>Asks the caller to finish up and close this connection (graceful shutdown).</summary>
    public void SendGoAway() => Send(WireWriter.StartFrame(FrameKind.GoAway, 0, 0).Finish());

    protected override void OnFrame(FrameKind kind, long correlationId, ReadOnlySpan<byte> body)
    {
        switch (kind)
        {
            case FrameKind.Request:
                handler.HandleRequest(this, correlationId, body);
                break;
            case FrameKind.Cancel:
                if (_inFlight.TryGetValue(correlationId, out var request))
                {
                    request.CancelFromRemote();
                }

                break;
            case FrameKind.MapRequest:
                handler.HandleMapRequest(this, correlationId);
                break;
            default:
                throw new InvalidDataException($"Unexpected frame kind {kind} from {Remote}.");
        }
    }

    protected override void OnClosed(Exception? reason)
    {
        // The caller is gone: its calls complete on the grain side, and nobody waits for the answers.
        foreach (var request in _inFlight.Values)
        {
            request.CancelFromRemote();
        }

        _inFlight.Clear();
    }
}
