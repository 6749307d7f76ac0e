namespace CityActors.Domain.Cases;

/// <summary>How to reach the person who reported (all optional: sensors and anonymous reports have none).</summary>
public sealed record Reporter(string? Name = null, string? Phone = null, string? CitizenId = null);
