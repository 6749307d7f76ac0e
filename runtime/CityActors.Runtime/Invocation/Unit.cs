namespace CityActors.Runtime.Invocation;

/// <summary>The result of a grain method that returns no value.</summary>
public readonly record struct Unit;

/// <summary>How a grain method may interleave with other calls on the same activation.</summary>
[Flags]
public enum GrainMethodFlags
{
    None = 0,

    /// <summary>May interleave with other read-only calls.</summary>
    ReadOnly = 1,

    /// <summary>May interleave with any call.</summary>
    AlwaysInterleave = 2,
}
