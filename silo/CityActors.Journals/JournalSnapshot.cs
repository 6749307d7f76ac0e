namespace CityActors.Journals;

/// <summary>A state serialized as of <see cref="Version"/>, so replay can skip the events before it.</summary>
public sealed record JournalSnapshot(long Version, byte[] State);
