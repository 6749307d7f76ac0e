namespace CityActors.Domain.Vitals;

/// <summary>Readings in a window: how many, their average and their maximum (null without readings).</summary>
public sealed record WindowStats(long Count, double? Average, double? Max)
{
    public static readonly WindowStats None = new(0, null, null);
}
