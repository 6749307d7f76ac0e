namespace CityActors.LoadTests.Replay.Sources;

/// <summary>
/// The share of a day's 311 requests in each hour of the local day: few at night, a steep rise from 07:00, a peak late in
/// the morning, a slow decline through the afternoon and evening. The shape of NYC 311's published hourly volume; the
/// repository's data has no time-of-day counts, so the weights are written here (docs/replay.md).
/// </summary>
public static class DailyCurve
{
    private static readonly double[] Weights =
    [
        1.6, 1.0, 0.7, 0.6, 0.6, 0.9, 1.8, 3.4, 5.4, 6.8, 7.3, 7.2,
        6.8, 6.6, 6.4, 6.1, 5.6, 5.0, 4.5, 4.1, 3.7, 3.2, 2.6, 2.1,
    ];

    private static readonly double Total = Weights.Sum();

    /// <summary>The share of the day's requests that arrive in local hour <paramref name="hour"/> (0–23).</summary>
    public static double ShareOfHour(int hour) => Weights[hour] / Total;

    /// <summary>Requests per second at <paramref name="secondOfDay"/> for a day of <paramref name="requestsPerDay"/>.</summary>
    public static double RatePerSecond(double secondOfDay, double requestsPerDay) =>
        requestsPerDay * ShareOfHour((int)(secondOfDay / 3600) % 24) / 3600;

    public static double PeakRatePerSecond(double requestsPerDay) => requestsPerDay * Weights.Max() / Total / 3600;
}
