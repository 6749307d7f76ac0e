namespace CityActors.Domain.Sensors;

/// <summary>
/// Plausible readings for simulations and load tests. A value is a pure function of the seed, the sensor's id and
/// the time, so any reading can be produced again in any order and on any machine: a per-kind baseline, a daily curve
/// on the sensor's local solar time (from its longitude, so no time zone is needed) and Gaussian noise.
/// <para>
/// With probability <see cref="ExcursionProbability"/> a stretch of readings lies beyond the trigger of the sensor's
/// first threshold rule. Excursions come in episodes as long as the rule's debounce plus two reporting intervals, so
/// each holds long enough to start a condition; the probability is the share of readings that are excursions.
/// Outside excursions values stay on the clear side of the rule, so a condition also ends.
/// </para>
/// </summary>
public sealed class SensorReadingGenerator
{
    private readonly ulong _seed;

    public SensorReadingGenerator(long seed, double excursionProbability = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(excursionProbability);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(excursionProbability, 1);
        _seed = unchecked((ulong)seed);
        ExcursionProbability = excursionProbability;
    }

    public double ExcursionProbability { get; }

    public SensorReading ReadingAt(SensorDefinition sensor, DateTimeOffset at) => new(sensor.Id, at, ValueAt(sensor, at));

    /// <summary>The value <paramref name="sensor"/> reads at <paramref name="at"/>, in its kind's unit; always finite.</summary>
    public double ValueAt(SensorDefinition sensor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        var identity = Fnv1a(sensor.Id);
        var profile = Profile.Of(sensor.Kind);
        var solarHour = SolarHour(at, sensor.Longitude);
        var u1 = Uniform(identity, at.UtcTicks, Stream.NoiseMagnitude);
        var u2 = Uniform(identity, at.UtcTicks, Stream.NoiseAngle);
        var gaussian = Math.Sqrt(-2 * Math.Log(1 - u1)) * Math.Cos(2 * Math.PI * u2);
        var value = Math.Max(profile.Floor, profile.Level(solarHour) + (profile.NoiseDeviation * gaussian));

        if (sensor.Rules.OfType<ThresholdRule>().FirstOrDefault() is not { } rule)
        {
            return value;
        }

        var above = rule.Direction == ThresholdDirection.Above;
        if (IsExcursion(sensor, rule, identity, at))
        {
            // Somewhere between just past the trigger and one hysteresis band (or 10 %) beyond it.
            var band = Math.Max(Math.Abs(rule.Trigger - rule.Clear), Math.Max(Math.Abs(rule.Trigger) * 0.1, 1e-3));
            var margin = band * (0.05 + (0.95 * Uniform(identity, at.UtcTicks, Stream.ExcursionDepth)));
            return above ? rule.Trigger + margin : rule.Trigger - margin;
        }

        return above ? Math.Min(value, rule.Clear) : Math.Max(value, rule.Clear);
    }

    /// <summary>Whether the reading at <paramref name="at"/> is part of an excursion beyond the first threshold rule.</summary>
    public bool IsExcursionAt(SensorDefinition sensor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        return sensor.Rules.OfType<ThresholdRule>().FirstOrDefault() is { } rule && IsExcursion(sensor, rule, Fnv1a(sensor.Id), at);
    }

    private bool IsExcursion(SensorDefinition sensor, ThresholdRule rule, ulong identity, DateTimeOffset at)
    {
        if (ExcursionProbability <= 0)
        {
            return false;
        }

        var episode = rule.MinDuration + (2 * sensor.ReportingInterval);
        var slot = at.UtcTicks / Math.Max(episode.Ticks, 1);
        return Uniform(identity, slot, Stream.Excursion) < ExcursionProbability;
    }

    private static double SolarHour(DateTimeOffset at, double longitude)
    {
        var hour = at.UtcDateTime.TimeOfDay.TotalHours + (longitude / 15);
        return ((hour % 24) + 24) % 24;
    }

    // A uniform number in [0, 1) from the seed, the sensor, a position (ticks or episode) and a stream tag.
    private double Uniform(ulong identity, long position, Stream stream)
    {
        var mixed = SplitMix(_seed ^ SplitMix(identity ^ SplitMix(unchecked((ulong)position) ^ ((ulong)stream << 56))));
        return (mixed >> 11) * (1.0 / (1UL << 53));
    }

    private static ulong SplitMix(ulong x)
    {
        unchecked
        {
            x += 0x9E3779B97F4A7C15UL;
            x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
            x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
            return x ^ (x >> 31);
        }
    }

    // string.GetHashCode differs per process; readings must not.
    private static ulong Fnv1a(string text)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 0x100000001B3UL);
        }

        return hash;
    }

    private enum Stream : byte
    {
        NoiseMagnitude = 1,
        NoiseAngle,
        Excursion,
        ExcursionDepth,
    }

    /// <summary>A kind's typical level, daily swing around it (largest at <see cref="PeakHour"/>), noise and lowest value.</summary>
    private sealed record Profile(double Baseline, double DailySwing, double PeakHour, double NoiseDeviation, double Floor)
    {
        public static Profile Of(SensorKind kind) => kind switch
        {
            SensorKind.WaterLevel => new(0.02, 0.01, 15, 0.005, 0),           // m over the kerb: dry streets, a little afternoon runoff
            SensorKind.ManholeTilt => new(0.5, 0.1, 14, 0.2, 0),              // °: seated covers, warmed by the afternoon sun
            SensorKind.Smoke => new(0.2, 0.1, 19, 0.05, 0),                   // %/m: evening cooking and heating
            SensorKind.Noise => new(58, 8, 18, 3, 30),                        // dB(A): loudest at the evening rush, quiet at 06:00
            SensorKind.Pm25 => new(10, 4, 8, 2, 0),                           // µg/m³: morning traffic
            SensorKind.StreetLightCurrent => new(0.3, 0.35, 0, 0.02, 0),      // A: about 0.65 at midnight, 0 around noon
            SensorKind.BridgeStrain => new(120, 60, 17, 15, 0),               // µε: traffic load
            SensorKind.GasConcentration => new(0.5, 0.2, 19, 0.3, 0),         // %LEL: background traces
            _ => new(0, 0, 0, 0, 0),
        };

        public double Level(double solarHour) => Baseline + (DailySwing * Math.Cos(2 * Math.PI * (solarHour - PeakHour) / 24));
    }
}
