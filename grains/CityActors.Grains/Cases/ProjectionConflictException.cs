namespace CityActors.Grains.Cases;

/// <summary>Another projector moved the checkpoint first; re-read it and continue from there.</summary>
public sealed class ProjectionConflictException(string message) : Exception(message);
