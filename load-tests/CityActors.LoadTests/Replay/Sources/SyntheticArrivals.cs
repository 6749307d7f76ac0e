using System.Globalization;

namespace CityActors.LoadTests.Replay.Sources;

/// <summary>
/// New cases synthesized from the NYC reference data: a Poisson process whose rate follows <see cref="DailyCurve"/>
/// for a day of the given size, compressed in time, each case drawn from the year's complaint mix (street and matter),
/// the channel mix, and a point inside the street's real boundary. The same seed gives the same cases.
/// </summary>
/// <remarks>With a ramp, the rate grows linearly from zero to the day's over its first seconds: a cluster just started has no
/// activations, and 300 cold case grains a second (each reading its journal, each duplicate tile rebuilding from the read
/// model) is a start-up storm no city sees.</remarks>
public sealed class SyntheticArrivals(ComplaintMix mix, ChannelMix channels, PlaceSampler places, double requestsPerDay, double compression, double startHour, TimeSpan window, int seed, TimeSpan ramp = default)
{
    /// <summary>New cases per wall second that the schedule offers at its peak hour.</summary>
    public double PeakRatePerWallSecond => DailyCurve.PeakRatePerSecond(requestsPerDay) * compression;

    /// <summary>The expected number of arrivals in the window (the integral of the rate).</summary>
    public double ExpectedCount()
    {
        var total = 0.0;
        const double step = 1.0;
        for (var w = 0.0; w < window.TotalSeconds; w += step)
        {
            total += RateAt(w) * Math.Min(step, window.TotalSeconds - w);
        }

        return total;
    }

    public IEnumerable<CaseArrival> Generate()
    {
        var random = new Random(seed);
        var peak = PeakRatePerWallSecond;
        var n = 0;
        var wall = 0.0;
        while (true)
        {
            // Thinning: candidates at the peak rate, each kept with the ratio of the rate at its time to the peak.
            wall += -Math.Log(1 - random.NextDouble()) / peak;
            if (wall >= window.TotalSeconds)
            {
                yield break;
            }

            if (random.NextDouble() * peak > RateAt(wall))
            {
                continue;
            }

            var (street, matter) = mix.Draw(random);
            var (lon, lat) = places.Draw(street, random);
            yield return new CaseArrival(TimeSpan.FromSeconds(wall), channels.Draw(random), string.Create(CultureInfo.InvariantCulture, $"rp-{n++}"), matter, street, lon, lat);
        }
    }

    private double RateAt(double wallSeconds) =>
        DailyCurve.RatePerSecond(((startHour * 3600) + (wallSeconds * compression)) % 86_400, requestsPerDay) * compression
        * (ramp > TimeSpan.Zero ? Math.Min(1, wallSeconds / ramp.TotalSeconds) : 1);
}
