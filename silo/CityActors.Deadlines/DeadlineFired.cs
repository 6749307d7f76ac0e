namespace CityActors.Deadlines;

/// <summary>A deadline delivered to its grain: its name, the instant it was set for and the instant it was delivered.</summary>
[GenerateSerializer, Immutable]
public sealed record DeadlineFired(
    [property: Id(0)] string Name,
    [property: Id(1)] DateTimeOffset Due,
    [property: Id(2)] DateTimeOffset FiredAt)
{
    /// <summary>How late the delivery was: near zero normally, the outage's length for a deadline missed while no silo could fire it.</summary>
    public TimeSpan Lateness => FiredAt - Due;
}
