using CityActors.Runtime.Hosting;
using CityActors.Runtime.Invocation;
using CityActors.Runtime.Messaging;

namespace CityActors.Runtime.Cluster;

/// <summary>
/// Runs calls that arrive over the network on this silo's activations and writes their answers back: the result as
/// JSON, the exception's type and message, or "not owner" when the grain's shard is not served here.
/// </summary>
internal sealed class SiloMessageHandler(LocalGrainRuntime local, IShardOwnership ownership, IShardMapSource maps, int shardCount, System.Text.Json.JsonSerializerOptions json)
    : IInboundHandler
{
    public void HandleRequest(InboundConnection connection, long correlationId, ReadOnlySpan<byte> body)
    {
        var reader = new WireReader(body);
        var timeoutMilliseconds = reader.ReadInt32();
        var target = new GrainId(reader.ReadString(), reader.ReadString());
        var methodId = reader.ReadString();
        var traceParent = reader.ReadString();
        if (!ownership.TryGetServingEpoch(target.GetShard(shardCount), out _))
        {
            RespondNotOwner(connection, correlationId);
            return;
        }

        GrainRequest request;
        try
        {
            request = GrainRequestCodec.Deserialize(methodId, reader.Rest, json);
        }
        catch (Exception ex) when (ex is GrainConfigurationException or System.Text.Json.JsonException)
        {
            RespondError(connection, correlationId, ex);
            return;
        }

        request.IsRemote = true;
        var completion = request.CompletionTask;
        connection.Track(correlationId, request);
        local.Deliver(target, request, TimeSpan.FromMilliseconds(timeoutMilliseconds));
        Telemetry.StartServe(request, traceParent.Length == 0 ? null : traceParent);
        if (completion.IsCompleted)
        {
            Respond(connection, correlationId, request, completion);
        }
        else
        {
            completion.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(() => Respond(connection, correlationId, request, completion));
        }
    }

    public void HandleMapRequest(InboundConnection connection, long correlationId)
    {
        var frame = WireWriter.StartFrame(FrameKind.MapResponse, correlationId, 16 * shardCount);
        ShardMapCodec.Write(frame, maps.Current);
        connection.Send(frame.Finish());
    }

    private void Respond(InboundConnection connection, long correlationId, GrainRequest request, Task completion)
    {
        connection.Untrack(correlationId);
        if (connection.IsClosed)
        {
            return;
        }

        if (completion.IsCompletedSuccessfully)
        {
            var frame = WireWriter.StartFrame(FrameKind.Response, correlationId);
            frame.WriteByte((byte)ResponseStatus.Ok);
            try
            {
                request.WriteResult(frame, json);
            }
            catch (Exception ex) when (ex is NotSupportedException or System.Text.Json.JsonException or InvalidOperationException)
            {
                frame.Finish().Release();
                RespondError(connection, correlationId, new InvalidOperationException(
                    $"The result of {request.InterfaceName}.{request.MethodName} cannot be serialized: {ex.Message}", ex));
                return;
            }

            connection.Send(frame.Finish());
            return;
        }

        var error = completion.Exception?.InnerException ?? new OperationCanceledException();
        if (error is NotShardOwnerException)
        {
            RespondNotOwner(connection, correlationId);
        }
        else
        {
            RespondError(connection, correlationId, error);
        }
    }

    private static void RespondNotOwner(InboundConnection connection, long correlationId)
    {
        var frame = WireWriter.StartFrame(FrameKind.Response, correlationId, 1);
        frame.WriteByte((byte)ResponseStatus.NotOwner);
        connection.Send(frame.Finish());
    }

    private static void RespondError(InboundConnection connection, long correlationId, Exception error)
    {
        var frame = WireWriter.StartFrame(FrameKind.Response, correlationId);
        frame.WriteByte((byte)ResponseStatus.Error);
        frame.WriteString(RemoteExceptions.TypeName(error));
        frame.WriteString(error.Message);
        connection.Send(frame.Finish());
    }
}
