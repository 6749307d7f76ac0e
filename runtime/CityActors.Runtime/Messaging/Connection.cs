using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Threading.Channels;

namespace CityActors.Runtime.Messaging;

/// <summary>
/// One TCP connection carrying multiplexed frames. Senders queue finished frames; a single writer loop copies
/// whatever is queued into the socket's pipe and flushes once the queue is empty, so under load many frames go out
/// per system call (batching) while a lone frame is flushed at once. A single reader loop parses frames and hands
/// each to <see cref="OnFrame"/> on the reading thread.
/// </summary>
internal abstract class Connection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly Channel<OutgoingFrame> _sendQueue = Channel.CreateUnbounded<OutgoingFrame>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _closing;
    private Task _writeLoop = Task.CompletedTask;

    protected Connection(Socket socket, string remote)
    {
        _socket = socket;
        _socket.NoDelay = true;
        Remote = remote;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _input = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024));
        _output = PipeWriter.Create(_stream, new StreamPipeWriterOptions(minimumBufferSize: 64 * 1024));
    }

    /// <summary>The peer's endpoint, for errors and logs.</summary>
    public string Remote { get; }

    public bool IsClosed => Volatile.Read(ref _closing) != 0;

    /// <summary>Completes when both loops have ended; carries the reason when the connection failed.</summary>
    public Task Closed => _closed.Task;

    protected Exception? CloseReason { get; private set; }

    public void Start()
    {
        _ = Task.Run(ReadLoopAsync);
        _writeLoop = Task.Run(WriteLoopAsync);
    }

    /// <summary>Stops taking frames, waits until every queued frame is on the wire, then closes.</summary>
    public async Task DrainAndCloseAsync()
    {
        _sendQueue.Writer.TryComplete();
        await _writeLoop.ConfigureAwait(false);
        Close(null);
    }

    /// <summary>Queues a frame; false (and the buffer returned) if the connection is closed.</summary>
    public bool Send(OutgoingFrame frame)
    {
        if (!_sendQueue.Writer.TryWrite(frame))
        {
            frame.Release();
            return false;
        }

        return true;
    }

    public ValueTask DisposeAsync()
    {
        Close(null);
        return ValueTask.CompletedTask;
    }

    /// <summary>Handles one frame on the reader loop. Must not block: hand real work elsewhere.</summary>
    protected abstract void OnFrame(FrameKind kind, long correlationId, ReadOnlySpan<byte> body);

    /// <summary>Runs once when the connection closes, for whatever was in flight on it.</summary>
    protected abstract void OnClosed(Exception? reason);

    protected void Close(Exception? reason)
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0)
        {
            return;
        }

        CloseReason = reason;
        _sendQueue.Writer.TryComplete();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already reset by the peer.
        }
        catch (ObjectDisposedException)
        {
            // Already closed.
        }

        _stream.Dispose();
        try
        {
            OnClosed(reason);
        }
        finally
        {
            _closed.TrySetResult();
        }
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                var read = await _input.ReadAsync().ConfigureAwait(false);
                var buffer = read.Buffer;
                while (TryReadFrame(ref buffer))
                {
                }

                _input.AdvanceTo(buffer.Start, buffer.End);
                if (read.IsCompleted)
                {
                    Close(buffer.Length == 0 ? null : new IOException($"Connection to {Remote} closed in the middle of a frame."));
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or InvalidDataException or OperationCanceledException)
        {
            Close(ex);
        }
    }

    private bool TryReadFrame(ref ReadOnlySequence<byte> buffer)
    {
        if (buffer.Length < 4)
        {
            return false;
        }

        Span<byte> lengthBytes = stackalloc byte[4];
        buffer.Slice(0, 4).CopyTo(lengthBytes);
        var length = BinaryPrimitives.ReadInt32LittleEndian(lengthBytes);
        if (length < FrameLayout.HeaderSize - 4 || length > FrameLayout.MaxFrameSize)
        {
            throw new InvalidDataException($"Invalid frame length {length} from {Remote}.");
        }

        if (buffer.Length < 4 + length)
        {
            return false;
        }

        var frame = buffer.Slice(4, length);
        if (frame.IsSingleSegment)
        {
            Dispatch(frame.FirstSpan);
        }
        else
        {
            var copy = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                frame.CopyTo(copy);
                Dispatch(copy.AsSpan(0, length));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(copy);
            }
        }

        buffer = buffer.Slice(4 + length);
        return true;
    }

    private void Dispatch(ReadOnlySpan<byte> frame)
    {
        var kind = (FrameKind)frame[0];
        var correlationId = BinaryPrimitives.ReadInt64LittleEndian(frame[1..]);
        OnFrame(kind, correlationId, frame[9..]);
    }

    private async Task WriteLoopAsync()
    {
        var queue = _sendQueue.Reader;
        try
        {
            while (await queue.WaitToReadAsync().ConfigureAwait(false))
            {
                while (queue.TryRead(out var frame))
                {
                    _output.Write(frame.Buffer.AsSpan(0, frame.Length));
                    frame.Release();
                }

                var flushed = await _output.FlushAsync().ConfigureAwait(false);
                if (flushed.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            Close(ex);
        }
        finally
        {
            while (queue.TryRead(out var left))
            {
                left.Release();
            }
        }
    }
}
