using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace CityActors.Runtime.Messaging;

/// <summary>Accepts connections from other silos and from clients (the gateway role) on one TCP endpoint.</summary>
internal sealed class SiloListener(IPAddress address, int port) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<InboundConnection, byte> _connections = new();
    private Socket? _socket;
    private Task _acceptLoop = Task.CompletedTask;

    public int Port { get; private set; }

    public int ConnectionCount => _connections.Count;

    public int Start(IInboundHandler handler)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(address, port));
            socket.Listen(512);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new ClusterConfigurationException($"Cannot listen on {address}:{port} for silo traffic: {ex.Message}", ex);
        }

        _socket = socket;
        Port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        _acceptLoop = Task.Run(() => AcceptLoopAsync(socket, handler));
        return Port;
    }

    /// <summary>Stops accepting; existing connections keep flowing until <see cref="DrainAsync"/>.</summary>
    public async Task StopAcceptingAsync()
    {
        _socket?.Dispose();
        await _acceptLoop.ConfigureAwait(false);
    }

    /// <summary>
    /// Tells every caller to go away, keeps answering until each has closed its connection (or
    /// <paramref name="timeout"/> passes), then flushes what is queued and closes.
    /// </summary>
    public Task DrainAsync(TimeSpan timeout, TimeProvider time) => Task.WhenAll(_connections.Keys.Select(async connection =>
    {
        connection.SendGoAway();
        await Task.WhenAny(connection.Closed, Task.Delay(timeout, time)).ConfigureAwait(false);
        await connection.DrainAndCloseAsync().ConfigureAwait(false);
    }));

    /// <summary>Closes everything at once, answers or not (a crash, as far as peers can tell).</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAcceptingAsync().ConfigureAwait(false);
        foreach (var connection in _connections.Keys)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task AcceptLoopAsync(Socket listener, IInboundHandler handler)
    {
        while (true)
        {
            Socket accepted;
            try
            {
                accepted = await listener.AcceptAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return;
            }

            var connection = new InboundConnection(accepted, accepted.RemoteEndPoint?.ToString() ?? "?", handler);
            _connections[connection] = 0;
            _ = connection.Closed.ContinueWith(_ => _connections.TryRemove(connection, out var _), TaskScheduler.Default);
            connection.Start();
        }
    }
}
