namespace CityActors.Domain.Cases;

/// <summary>An extension or suspension waiting for the centre's decision.</summary>
public sealed record PendingRequest(string Department, DateTimeOffset RequestedAt, TimeSpan Extra);
