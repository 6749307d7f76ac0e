using System.Net;
using System.Net.Sockets;

namespace CityActors.LoadTests.Baselines;

/// <summary>
/// Raw loopback TCP request/response: one socket per caller, a fixed-size request echoed back as a fixed-size
/// response by an async server loop. No framing library, no serialization, no routing: the floor a cross-process
/// call cannot beat at the same concurrency and payload.
/// </summary>
public sealed class LoopbackTcpBaseline : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<Socket> _clients = [];
    private readonly int _requestSize;
    private readonly int _responseSize;
    private readonly CancellationTokenSource _stop = new();

    public LoopbackTcpBaseline(int requestSize, int responseSize)
    {
        _requestSize = requestSize;
        _responseSize = responseSize;
        _listener.Start(4096);
        _ = AcceptLoopAsync();
    }

    public async Task<Func<int, ValueTask>> ConnectAsync(int callers)
    {
        var sockets = new Socket[callers];
        for (var i = 0; i < callers; i++)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync((IPEndPoint)_listener.LocalEndpoint).ConfigureAwait(false);
            sockets[i] = socket;
            _clients.Add(socket);
        }

        var requests = Enumerable.Range(0, callers).Select(_ => new byte[_requestSize]).ToArray();
        var responses = Enumerable.Range(0, callers).Select(_ => new byte[_responseSize]).ToArray();
        return async caller =>
        {
            var socket = sockets[caller];
            await socket.SendAsync(requests[caller], SocketFlags.None).ConfigureAwait(false);
            await ReceiveExactlyAsync(socket, responses[caller]).ConfigureAwait(false);
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        _stop.Dispose();
    }

    private static async Task ReceiveExactlyAsync(Socket socket, Memory<byte> buffer)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await socket.ReceiveAsync(buffer[read..], SocketFlags.None).ConfigureAwait(false);
            if (n == 0)
            {
                throw new IOException("Baseline connection closed.");
            }

            read += n;
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket accepted;
            try
            {
                accepted = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            accepted.NoDelay = true;
            _ = ServeAsync(accepted);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using (socket)
        {
            var request = new byte[_requestSize];
            var response = new byte[_responseSize];
            try
            {
                while (true)
                {
                    await ReceiveExactlyAsync(socket, request).ConfigureAwait(false);
                    await socket.SendAsync(response, SocketFlags.None).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
            {
                // Caller side closed.
            }
        }
    }
}
