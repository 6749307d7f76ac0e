namespace CityActors.Domain.Cases;

/// <summary>An open supervision order (督办) from a higher centre.</summary>
public sealed record Supervision(int Id, string CentreUnit, DateTimeOffset IssuedAt, string? Text);
