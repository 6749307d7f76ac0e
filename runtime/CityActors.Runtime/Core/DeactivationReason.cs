namespace CityActors;

/// <summary>Why a grain is being deactivated.</summary>
public enum DeactivationReasonCode
{
    ApplicationRequested,
    IdleTimeout,
    ShuttingDown,
}

/// <summary>Passed to <see cref="Grain.OnDeactivateAsync"/>.</summary>
public readonly record struct DeactivationReason(DeactivationReasonCode Code, string Description);
