using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CityActors.Grains.Cases;

/// <summary>
/// Runs the <see cref="CaseProjector"/> for the life of the silo while this silo holds the projection lease: project
/// while there is work, wait for appends otherwise, back off on failure. Silos without the lease check it every
/// <see cref="LeaseCheckInterval"/> and take over when it lapses (or at once when the holder stops and releases it).
/// </summary>
public sealed partial class CaseProjectionService(CaseProjector projector, ICaseProjectionStore store, IJournalFeed feed, TimeProvider time, ILogger<CaseProjectionService> log) : BackgroundService
{
    /// <summary>Longest wait for new records when the journal provider cannot notify.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a lease lasts without renewal; a crashed holder is replaced after at most this long.</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan LeaseCheckInterval = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    private readonly string _name = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await store.ReleaseLeadAsync(_name, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogReleaseFailed(ex); // the lease then lapses on its own
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(100);
        var leading = false;
        var renewAt = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (time.GetUtcNow() >= renewAt)
                {
                    leading = await store.TryLeadAsync(_name, LeaseDuration, stoppingToken).ConfigureAwait(false);
                    renewAt = time.GetUtcNow() + LeaseCheckInterval;
                }

                if (!leading)
                {
                    await Task.Delay(LeaseCheckInterval, time, stoppingToken).ConfigureAwait(false);
                }
                else if (await projector.ProjectBatchAsync(stoppingToken).ConfigureAwait(false) == 0)
                {
                    await feed.WaitAsync(CaseJournal.GrainType, projector.Checkpoint ?? FeedPosition.Start, PollInterval, stoppingToken).ConfigureAwait(false);
                }

                backoff = TimeSpan.FromMilliseconds(100);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (ProjectionConflictException ex)
            {
                // Another projector committed first (for example one whose lease just lapsed); continue from its checkpoint.
                LogConflict(ex.Message);
            }
            catch (Exception ex)
            {
                LogProjectionFailed(ex, backoff);
                await Task.Delay(backoff, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Case projection failed; retrying in {Backoff}.")]
    private partial void LogProjectionFailed(Exception exception, TimeSpan backoff);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Debug, Message = "Case projection batch lost to another projector: {Reason}")]
    private partial void LogConflict(string reason);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Releasing the case projection lease failed; it lapses on its own.")]
    private partial void LogReleaseFailed(Exception exception);
}
