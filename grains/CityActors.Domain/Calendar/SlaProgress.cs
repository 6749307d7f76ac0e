namespace CityActors.Domain.Calendar;

/// <summary>Where a stage stands against its limit.</summary>
/// <param name="Deadline">When the limit runs out.</param>
/// <param name="Elapsed">Time counted so far.</param>
/// <param name="Remaining">Time left; zero or negative once overdue (by how much, in the limit's mode).</param>
/// <param name="FractionElapsed">Elapsed / limit; 1.0 at the deadline, above 1.0 when overdue.</param>
public readonly record struct SlaProgress(DateTimeOffset Deadline, TimeSpan Elapsed, TimeSpan Remaining, double FractionElapsed)
{
    public bool IsOverdue => Remaining <= TimeSpan.Zero;
}
