namespace CityActors.Domain.Calendar;

/// <summary>A stage's allowed duration and how it is counted.</summary>
public readonly record struct TimeLimit(TimeSpan Duration, TimeMode Mode)
{
    public static TimeLimit WorkingHours(double hours) => new(TimeSpan.FromHours(hours), TimeMode.Working);

    public static TimeLimit NaturalHours(double hours) => new(TimeSpan.FromHours(hours), TimeMode.Natural);

    public static TimeLimit WorkingMinutes(double minutes) => new(TimeSpan.FromMinutes(minutes), TimeMode.Working);

    public static TimeLimit NaturalMinutes(double minutes) => new(TimeSpan.FromMinutes(minutes), TimeMode.Natural);

    public override string ToString() => $"{Duration} {(Mode == TimeMode.Working ? "working" : "natural")}";
}
