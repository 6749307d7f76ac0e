namespace CityActors;

/// <summary>
/// Names the grain type of an interface. The type is part of every grain identity and its shard hash, so it is
/// persisted data: never change it for a grain that has state. Without this attribute the type is derived from
/// the interface name (ICaseGrain → "case", IOpsCenterGrain → "ops-center").
/// </summary>
[AttributeUsage(AttributeTargets.Interface, Inherited = false)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>The method does not change grain state; it may interleave with other read-only calls.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadOnlyAttribute : Attribute
{
}

/// <summary>The method may run interleaved with any other call on the same grain (use for calls that only await).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AlwaysInterleaveAttribute : Attribute
{
}

/// <summary>Every call on grains of this class may interleave at await points (the grain is reentrant).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ReentrantAttribute : Attribute
{
}

/// <summary>Overrides the call deadline for one grain method, as a TimeSpan literal such as "00:00:05".</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ResponseTimeoutAttribute(string timeout) : Attribute
{
    public string Timeout { get; } = timeout;
}

/// <summary>Overrides how long an idle activation of this grain class lives before it is deactivated.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class CollectionAgeAttribute(string age) : Attribute
{
    public TimeSpan Age { get; } = TimeSpan.Parse(age, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Marks a grain constructor parameter of type <see cref="IPersistentState{T}"/> to be loaded before activation.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName, string? storageName = null) : Attribute
{
    public string StateName { get; } = stateName;

    public string StorageName { get; } = storageName ?? GrainStorageNames.Default;
}
