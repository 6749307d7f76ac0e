namespace CityActors;

/// <summary>A grain call did not complete before its deadline. The grain may still finish the work.</summary>
public sealed class GrainCallTimeoutException(string message) : TimeoutException(message);

/// <summary>A grain could not be activated; the call that triggered the activation fails with this exception.</summary>
public sealed class GrainActivationException(string message, Exception? inner) : Exception(message, inner)
{
    public GrainActivationException(GrainId grainId, Exception inner)
        : this($"Activation of grain {grainId} failed: {inner.GetType().Name}: {inner.Message}", inner)
    {
    }
}

/// <summary>A write was rejected because the stored record changed since it was read (ETag or version mismatch).</summary>
public sealed class InconsistentStateException(string message) : Exception(message);

/// <summary>The runtime is not accepting calls (it is starting, stopping, or the grain type is unknown to it).</summary>
public sealed class SiloUnavailableException(string message) : Exception(message);

/// <summary>A grain interface or class was used in a way the runtime does not support; the message says which and how to fix it.</summary>
public sealed class GrainConfigurationException(string message) : Exception(message);

/// <summary>
/// A durable write was refused because the writer no longer owns the grain's shard at the epoch it acquired it with
/// (another silo took the shard over). The write did not commit; the activation is stale and will be dropped.
/// </summary>
public sealed class ShardOwnershipLostException(string message) : Exception(message);

/// <summary>A grain call failed on another process with an exception type this process cannot recreate.</summary>
public sealed class RemoteGrainException(string remoteType, string message) : Exception(message)
{
    /// <summary>Full name of the exception type thrown on the remote silo.</summary>
    public string RemoteType { get; } = remoteType;
}

/// <summary>The cluster cannot start or join with this configuration (database unreachable, schema version, shard count).</summary>
public sealed class ClusterConfigurationException(string message, Exception? inner = null) : Exception(message, inner);
