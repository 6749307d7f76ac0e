using Microsoft.Extensions.Logging;

namespace CityActors.Runtime.Hosting;

/// <summary>The runtime's log messages, source-generated, with stable event ids (1xxx activation, 2xxx reminders, 3xxx silo).</summary>
internal sealed partial class RuntimeLog(ILogger logger)
{
    private readonly ILogger _logger = logger;

    [LoggerMessage(1001, LogLevel.Error, "Activation of grain {GrainId} failed")]
    public partial void ActivationFailed(Exception exception, GrainId grainId);

    [LoggerMessage(1002, LogLevel.Warning, "OnDeactivateAsync of grain {GrainId} failed (reason {Reason})")]
    public partial void DeactivationFailed(Exception exception, GrainId grainId, DeactivationReasonCode reason);

    [LoggerMessage(1003, LogLevel.Debug, "Grain {GrainId} deactivated ({Reason})")]
    public partial void Deactivated(GrainId grainId, DeactivationReasonCode reason);

    [LoggerMessage(1004, LogLevel.Error, "Work item {Kind} on grain {GrainId} threw; the activation keeps running")]
    public partial void WorkItemFailed(Exception exception, GrainId grainId, string kind);

    [LoggerMessage(1005, LogLevel.Warning, "Timer callback of grain {GrainId} failed")]
    public partial void TimerFailed(Exception exception, GrainId grainId);

    [LoggerMessage(1006, LogLevel.Warning, "Shutdown deadline reached with {Count} activations still deactivating")]
    public partial void ShutdownIncomplete(int count);

    [LoggerMessage(1007, LogLevel.Warning, "Snapshot of journaled grain {GrainId} at version {Version} failed; events are committed and replay stays correct")]
    public partial void SnapshotFailed(Exception exception, GrainId grainId, long version);

    [LoggerMessage(2001, LogLevel.Warning, "Reminder {Name} of grain {GrainId} could not be delivered (attempt {Attempt}); retrying in {Delay}")]
    public partial void ReminderDeliveryFailed(Exception exception, GrainId grainId, string name, int attempt, TimeSpan delay);

    [LoggerMessage(2002, LogLevel.Warning, "Reminder {Name} of grain {GrainId}: the grain's handler failed")]
    public partial void ReminderHandlerFailed(Exception exception, GrainId grainId, string name);

    [LoggerMessage(2003, LogLevel.Information, "Reminder service loaded {Count} reminders")]
    public partial void RemindersLoaded(int count);

    [LoggerMessage(2004, LogLevel.Error, "Reminder bookkeeping for {Name} of grain {GrainId} failed")]
    public partial void ReminderBookkeepingFailed(Exception exception, GrainId grainId, string name);

    [LoggerMessage(2005, LogLevel.Warning, "Loading reminders due between {From} and {Until} failed; retrying with the next window")]
    public partial void ReminderWindowFailed(Exception exception, DateTimeOffset from, DateTimeOffset until);

    [LoggerMessage(3001, LogLevel.Information, "Silo {SiloName} started in {Mode} mode with {GrainTypes} grain types and {ShardCount} shards")]
    public partial void SiloStarted(string siloName, string mode, int grainTypes, int shardCount);

    [LoggerMessage(3002, LogLevel.Information, "Silo {SiloName} stopping: deactivating {Count} activations")]
    public partial void SiloStopping(string siloName, int count);

    [LoggerMessage(3003, LogLevel.Information, "Silo {SiloName} stopped")]
    public partial void SiloStopped(string siloName);

    [LoggerMessage(4001, LogLevel.Information, "Silo {SiloName} joined the cluster as {SiloId} at {Endpoint}")]
    public partial void JoinedCluster(string siloName, Guid siloId, string endpoint);

    [LoggerMessage(4002, LogLevel.Information, "Silo {SiloName} acquired {Count} shard(s); now owns {Owned}")]
    public partial void ShardsAcquired(string siloName, int count, int owned);

    [LoggerMessage(4003, LogLevel.Information, "Silo {SiloName} handed off {Count} shard(s)")]
    public partial void ShardsHandedOff(string siloName, int count);

    [LoggerMessage(4004, LogLevel.Warning, "Silo {SiloName} lost {Count} shard lease(s); dropping their activations")]
    public partial void ShardsLost(string siloName, int count);

    [LoggerMessage(4005, LogLevel.Error, "Silo {SiloName} could not renew its leases before they could expire; it stops serving all {Count} shard(s) (self-fencing)")]
    public partial void SelfFenced(string siloName, int count);

    [LoggerMessage(4006, LogLevel.Warning, "Membership round of silo {SiloName} failed")]
    public partial void MembershipRoundFailed(Exception exception, string siloName);
}
