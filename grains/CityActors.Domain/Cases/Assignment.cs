namespace CityActors.Domain.Cases;

/// <summary>One department's sub-task of a case.</summary>
public sealed record Assignment(string Department, bool IsLead, AssignmentStatus Status, DateTimeOffset DispatchedAt, DateTimeOffset? SignedForAt = null, DateTimeOffset? HandledAt = null);
