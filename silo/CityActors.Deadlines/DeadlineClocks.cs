namespace CityActors.Deadlines;

/// <summary>
/// Keys of the <see cref="TimeProvider"/>s deadlines resolve from dependency injection, following Orleans' keyed
/// clocks (<see cref="TimeProviderNames"/>): an unregistered key falls back to the silo's default clock.
/// </summary>
/// <remarks>
/// Deadline instants, the shard grains' timers and the registration path's look-ahead all use the grain clock
/// (<see cref="TimeProviderNames.Grains"/>), the one Orleans drives grain timers with, so a test that installs a fake
/// clock as the default moves every deadline decision together. Keep-alive pings and notification retries are
/// background maintenance on <see cref="Maintenance"/>, which tests pin to real time with Orleans'
/// <c>UseTimeProviderForBackgroundAreas</c>.
/// </remarks>
public static class DeadlineClocks
{
    /// <summary>The clock deadlines are due on: Orleans' grain clock.</summary>
    public const string Deadlines = TimeProviderNames.Grains;

    /// <summary>The clock of the deadline service's background upkeep.</summary>
    public const string Maintenance = "CityActors.Deadlines.Maintenance";
}
