namespace CityActors.Domain.Cases;

/// <summary>A clock's reminder fired: apply every point of the timer that is due by now.</summary>
public sealed record TimerDue(Actor By, string Key) : CaseCommand(By);
