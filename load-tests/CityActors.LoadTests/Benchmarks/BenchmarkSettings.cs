using System.Globalization;

namespace CityActors.LoadTests.Benchmarks;

/// <summary>Command-line settings shared by the benchmarks: <c>--seconds</c>, <c>--warmup</c>, <c>--callers</c>, <c>--grains</c>.</summary>
public sealed record BenchmarkSettings(TimeSpan Duration, TimeSpan Warmup, int Callers, int Grains)
{
    public static BenchmarkSettings Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["--seconds"] = 10,
            ["--warmup"] = 2,
            ["--callers"] = 1000,
            ["--grains"] = 10_000,
        };
        for (var i = 0; i < args.Count; i++)
        {
            if (!values.ContainsKey(args[i]))
            {
                throw new ArgumentException($"Unknown option '{args[i]}'; expected one of {string.Join(", ", values.Keys)}.");
            }

            if (i + 1 >= args.Count || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
            {
                throw new ArgumentException($"Option '{args[i]}' needs a positive whole number.");
            }

            values[args[i]] = value;
            i++;
        }

        return new BenchmarkSettings(
            TimeSpan.FromSeconds(values["--seconds"]),
            TimeSpan.FromSeconds(values["--warmup"]),
            values["--callers"],
            values["--grains"]);
    }
}
