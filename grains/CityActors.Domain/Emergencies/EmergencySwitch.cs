using CityActors.Domain.Cases;

namespace CityActors.Domain.Emergencies;

/// <summary>One entry of the emergency journal: a centre switched its area to a profile (<see cref="ProfileCode"/>) or back to normal (null).</summary>
public sealed record EmergencySwitch(long Sequence, string CentreCode, string UnitCode, string? ProfileCode, Actor By, string Reason, DateTimeOffset At);
