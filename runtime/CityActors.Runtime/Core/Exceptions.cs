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
