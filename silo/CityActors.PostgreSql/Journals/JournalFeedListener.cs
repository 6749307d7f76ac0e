using Microsoft.Extensions.Logging;
using Npgsql;

namespace CityActors.PostgreSql.Journals;

/// <summary>
/// Holds one connection listening on the channel that grain_journal's trigger notifies (schema script 004) and wakes
/// feed readers of the grain type an appending transaction committed to, in this silo whichever silo appended.
/// </summary>
/// <remarks>
/// When the connection is lost, notifications sent meanwhile are lost too, so every waiting reader is woken (it then
/// reads and finds out for itself) and again once listening resumes. The connection is checked every
/// <see cref="KeepAliveInterval"/> so a silently dead one is noticed.
/// </remarks>
internal sealed class JournalFeedListener : IAsyncDisposable
{
    /// <summary>The notification channel; the payload is the grain type.</summary>
    public const string Channel = "cityactors_journal_feed";

    private static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, TaskCompletionSource> _signals = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private bool _disposed;

    public JournalFeedListener(NpgsqlDataSource dataSource, TimeProvider time, ILogger logger)
    {
        _dataSource = dataSource;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// A task that completes at the next notification for <paramref name="grainType"/> (or when notifications may have
    /// been missed). Returns once the listener is listening, so no commit after this returns goes unnoticed.
    /// </summary>
    /// <remarks>Once listening, this completes synchronously: the subscription exists when the call returns.</remarks>
    public async Task<Task> SubscribeAsync(string grainType, CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            if (!_signals.TryGetValue(grainType, out var signal))
            {
                signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _signals[grainType] = signal;
            }

            return signal.Task;
        }
    }

    /// <summary>Opens the listening connection unless it is open already; completes once notifications are being received.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _loop ??= Task.Run(() => ListenAsync(_stop.Token), CancellationToken.None);
        }

        return _listening.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        Task? loop;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            loop = _loop;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        if (loop is not null)
        {
            await loop.ConfigureAwait(false);
        }

        _listening.TrySetException(new ObjectDisposedException(GetType().Name, "The journal is shut down."));
        SignalAll();
        _stop.Dispose();
    }

    private async Task ListenAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(stop).ConfigureAwait(false);
                connection.Notification += (_, e) => Signal(e.Payload);
                await using (var listen = new NpgsqlCommand($"listen {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stop).ConfigureAwait(false);
                }

                JournalLog.Listening(_logger, Channel);
                SignalAll(); // whatever committed while nobody listened
                _listening.TrySetResult();
                await ReceiveAsync(connection, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Whatever broke the connection, this loop is the only listener: report it and connect again.
                JournalLog.ListenerFailed(_logger, ex, ReconnectDelay);
                SignalAll();
                try
                {
                    await Task.Delay(ReconnectDelay, _time, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private static async Task ReceiveAsync(NpgsqlConnection connection, CancellationToken stop)
    {
        while (true)
        {
            // Notifications arrive through connection.Notification while this waits.
            if (!await connection.WaitAsync(KeepAliveInterval, stop).ConfigureAwait(false))
            {
                await using var ping = new NpgsqlCommand("select 1", connection);
                await ping.ExecuteScalarAsync(stop).ConfigureAwait(false);
            }
        }
    }

    private void Signal(string grainType)
    {
        TaskCompletionSource? signal;
        lock (_lock)
        {
            if (!_signals.Remove(grainType, out signal))
            {
                return;
            }
        }

        signal.TrySetResult();
    }

    private void SignalAll()
    {
        List<TaskCompletionSource> signals;
        lock (_lock)
        {
            signals = [.. _signals.Values];
            _signals.Clear();
        }

        foreach (var signal in signals)
        {
            signal.TrySetResult();
        }
    }
}
