namespace CityActors.Domain.Cases;

/// <summary>A case on an owner's desk in one queue.</summary>
public sealed record QueueEntry(WorkOwner Owner, WorkQueue Queue);
