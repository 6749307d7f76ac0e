using CityActors.Domain.Cases;

namespace CityActors.LoadTests.Replay.Sources;

/// <summary>One new case of the replay: when it is due (wall time after the start), through which channel, what, and where.</summary>
public sealed record CaseArrival(TimeSpan At, Channel Channel, string ExternalId, string MatterCode, string Street, double Longitude, double Latitude);
