using CityActors.Runtime.Activations;
using CityActors.Runtime.Reminders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityActors.Runtime.Hosting;

/// <summary>What health checks and operators can ask a silo.</summary>
public interface ISiloStatus
{
    string SiloName { get; }

    /// <summary>True between a completed start and the beginning of shutdown.</summary>
    bool IsReady { get; }

    int ActivationCount { get; }

    int PendingReminderCount { get; }
}

/// <summary>
/// Starts the silo (validates grain classes, starts sweeps, loads reminders) and stops it gracefully: stop firing
/// reminders, refuse new activations, run every grain's OnDeactivateAsync within the shutdown timeout.
/// </summary>
internal sealed class SiloLifecycle(
    GrainClassRegistry registry,
    Catalog catalog,
    ReminderService reminders,
    IOptions<SiloOptions> options,
    IServiceProvider services,
    ILogger<SiloLifecycle> logger) : IHostedService, ISiloStatus
{
    private readonly Cluster.ClusterMembership? _cluster = (Cluster.ClusterMembership?)services.GetService(typeof(Cluster.ClusterMembership));
    private readonly RuntimeLog _log = new(logger);
    private volatile bool _ready;

    public string SiloName => options.Value.SiloName;

    public bool IsReady => _ready;

    public int ActivationCount => catalog.Count;

    public int PendingReminderCount => reminders.PendingCount;

    /// <summary>Set by a test cluster's kill: stopping then does nothing a crashed process could not.</summary>
    internal bool Killed { get; set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        catalog.Start();
        await reminders.StartAsync(cancellationToken).ConfigureAwait(false);
        if (_cluster is not null)
        {
            await _cluster.StartAsync(cancellationToken).ConfigureAwait(false);
        }

        _ready = true;
        _log.SiloStarted(SiloName, _cluster is null ? "embedded" : "clustered", registry.Classes.Count, options.Value.ShardCount);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _ready = false;
        reminders.Stop();
        _log.SiloStopping(SiloName, catalog.Count);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.ShutdownTimeout);
        if (_cluster is not null)
        {
            if (Killed)
            {
                return;
            }

            // Hand every shard off (grains deactivate and persist, leases are released) before the catalog stops.
            await _cluster.StopAsync(timeout.Token).ConfigureAwait(false);
        }

        await catalog.StopAsync(timeout.Token).ConfigureAwait(false);
        _log.SiloStopped(SiloName);
    }
}
