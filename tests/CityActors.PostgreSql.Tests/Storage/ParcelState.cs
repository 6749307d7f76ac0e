namespace CityActors.PostgreSql.Tests.Storage;

/// <summary>A grain state as application code writes them: a mutable class with a parameterless constructor.</summary>
public sealed class ParcelState
{
    public string Owner { get; set; } = "";

    public int Count { get; set; }

    public List<string> Tags { get; set; } = [];
}

/// <summary>A later version of <see cref="ParcelState"/>: one property dropped, one added.</summary>
public sealed class ParcelStateV2
{
    public string Owner { get; set; } = "";

    public List<string> Tags { get; set; } = [];

    public string District { get; set; } = "unknown";
}
