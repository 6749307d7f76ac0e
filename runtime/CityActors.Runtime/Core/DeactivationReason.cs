namespace CityActors;

/// <summary>Why a grain is being deactivated.</summary>
public enum DeactivationReasonCode
{
    ApplicationRequested,
    IdleTimeout,
    ShuttingDown,

    /// <summary>The grain's shard is being handed to another silo (rebalancing or shutdown); persist now.</summary>
    ShardMoving,

    /// <summary>This silo lost the grain's shard lease; durable writes will be refused.</summary>
    ShardLost,
}

/// <summary>Passed to <see cref="Grain.OnDeactivateAsync"/>.</summary>
public readonly record struct DeactivationReason(DeactivationReasonCode Code, string Description);
