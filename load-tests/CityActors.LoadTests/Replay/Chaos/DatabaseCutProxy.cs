using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace CityActors.LoadTests.Replay.Chaos;

/// <summary>
/// A TCP relay between the silos and PostgreSQL that the replay can cut: <see cref="CutAsync"/> resets every relayed
/// connection at once and, for the cut's duration, resets each new one as soon as it is accepted — to the silos what a
/// failed network path or a restarted database looks like (their pooled connections break mid-statement, new ones fail
/// to open). Hand-written: a few dozen lines of sockets, where no library offers a severable relay.
/// </summary>
public sealed class DatabaseCutProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _database;
    private readonly ConcurrentDictionary<Socket, Socket> _pairs = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private long _cutUntilTicks;

    public DatabaseCutProxy(IPEndPoint database)
    {
        _database = database;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Relayed connections open now.</summary>
    public int Connections => _pairs.Count;

    public Task CutAsync(TimeSpan duration)
    {
        Interlocked.Exchange(ref _cutUntilTicks, DateTime.UtcNow.Add(duration).Ticks);
        foreach (var (client, server) in _pairs)
        {
            Reset(client);
            Reset(server);
        }

        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        foreach (var (client, server) in _pairs)
        {
            client.Dispose();
            server.Dispose();
        }

        await _accepting.ConfigureAwait(false);
        _stop.Dispose();
    }

    private bool IsCut => DateTime.UtcNow.Ticks < Interlocked.Read(ref _cutUntilTicks);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            if (IsCut)
            {
                Reset(client);
                continue;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(Socket client)
    {
        var server = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.NoDelay = true;
        try
        {
            await server.ConnectAsync(_database, _stop.Token).ConfigureAwait(false);
            _pairs[client] = server;
            await Task.WhenAny(PumpAsync(client, server), PumpAsync(server, client)).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A broken relay is what a cut is for; both ends are closed below.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
        finally
        {
            _pairs.TryRemove(client, out _);
            Reset(client);
            Reset(server);
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer, _stop.Token).ConfigureAwait(false)) > 0)
            {
                await to.SendAsync(buffer.AsMemory(0, read), _stop.Token).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // Either side closing or being reset ends the relay.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    // Linger 0: close with a reset, as a dead path or a killed backend does, not with an orderly goodbye.
    private static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
#pragma warning disable CA1031 // Already closed.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
