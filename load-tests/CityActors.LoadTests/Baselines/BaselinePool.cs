namespace CityActors.LoadTests.Baselines;

/// <summary>How many connections a one-statement-per-operation baseline gets: one per caller, up to a bound.</summary>
/// <remarks>
/// Each caller holds a connection only while its statement runs, so beyond a few dozen connections a 2-core server
/// gains nothing but context switches, and a pool per caller is what exhausted max_connections at 1,000 callers.
/// The same bound is given to Orleans' stock AdoNet storage, which also issues one statement per write.
/// </remarks>
public static class BaselinePool
{
    public const int MaxConnections = 64;

    public static int SizeFor(int callers) => Math.Clamp(callers, 1, MaxConnections);
}
