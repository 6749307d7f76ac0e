using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CityActors.Grains.Cases;

/// <summary>Runs the <see cref="CaseProjector"/> for the life of the silo: project while there is work, wait for appends otherwise, back off on failure.</summary>
public sealed partial class CaseProjectionService(CaseProjector projector, IJournalFeed feed, TimeProvider time, ILogger<CaseProjectionService> log) : BackgroundService
{
    /// <summary>Longest wait for new records when the journal provider cannot notify.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(100);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await projector.ProjectBatchAsync(stoppingToken).ConfigureAwait(false) == 0)
                {
                    await feed.WaitAsync(CaseProjector.CaseGrainType, projector.Checkpoint ?? FeedPosition.Start, PollInterval, stoppingToken).ConfigureAwait(false);
                }

                backoff = TimeSpan.FromMilliseconds(100);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
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
}
