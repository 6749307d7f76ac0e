using System.Globalization;

namespace CityActors.LoadTests.Benchmarks;

/// <summary>
/// Command-line settings: <c>--seconds</c>, <c>--warmup</c>, <c>--callers</c>, <c>--grains</c>, <c>--pending</c>,
/// <c>--reminders</c>, <c>--sensors</c>, <c>--batch</c>, <c>--excursions-per-million</c> (positive whole numbers),
/// <c>--mode</c> and <c>--phases</c> (a comma-separated list). A setting left out is null, and each benchmark applies
/// its own default (durable-writes runs 16 and 64 callers unless <c>--callers</c> picks one, for example).
/// </summary>
public sealed record BenchmarkSettings(int? Seconds, int? WarmupSeconds, int? Callers, int? Grains, int? Pending, int? Reminders, string? Mode)
{
    public static readonly IReadOnlyList<string> NumberOptions =
        ["--seconds", "--warmup", "--callers", "--grains", "--pending", "--reminders", "--kills", "--sensors", "--batch", "--excursions-per-million"];

    public const string ModeOption = "--mode";

    public const string PhasesOption = "--phases";

    /// <summary>Sensors to register (<c>--sensors</c>).</summary>
    public int? Sensors { get; init; }

    /// <summary>Items per batch (<c>--batch</c>).</summary>
    public int? Batch { get; init; }

    /// <summary>Share of generated readings beyond a sensor's alarm threshold, per million (<c>--excursions-per-million</c>).</summary>
    public int? ExcursionsPerMillion { get; init; }

    /// <summary>The phases to run, as named (<c>--phases a,b</c>); each benchmark checks the names it knows.</summary>
    public IReadOnlyList<string>? Phases { get; init; }

    /// <summary>The measured period of each phase (<c>--seconds</c>, else <paramref name="fallbackSeconds"/>).</summary>
    public TimeSpan DurationOr(int fallbackSeconds) => TimeSpan.FromSeconds(Seconds ?? fallbackSeconds);

    /// <summary>The warm-up before each measured period (<c>--warmup</c>, else <paramref name="fallbackSeconds"/>).</summary>
    public TimeSpan WarmupOr(int fallbackSeconds) => TimeSpan.FromSeconds(WarmupSeconds ?? fallbackSeconds);

    public static string Usage =>
        $"[{string.Join(" N] [", NumberOptions)} N] [{ModeOption} embedded|clustered] [{PhasesOption} a,b,…]";

    /// <exception cref="ArgumentException">An unknown option, a repeated one, or a value that is not a positive whole number (or a mode name).</exception>
    public static BenchmarkSettings Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        string? mode = null;
        IReadOnlyList<string>? phases = null;
        for (var i = 0; i < args.Count; i += 2)
        {
            var option = args[i];
            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"Option '{option}' needs a value.");
            }

            var value = args[i + 1];
            if (option == ModeOption)
            {
                mode = value is "embedded" or "clustered"
                    ? value
                    : throw new ArgumentException($"{ModeOption} takes 'embedded' or 'clustered', not '{value}'.");
                continue;
            }

            if (option == PhasesOption)
            {
                phases = phases is null
                    ? [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]
                    : throw new ArgumentException($"Option '{option}' is given twice.");
                continue;
            }

            if (!NumberOptions.Contains(option))
            {
                throw new ArgumentException($"Unknown option '{option}'; expected one of {string.Join(", ", NumberOptions)}, {ModeOption}, {PhasesOption}.");
            }

            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number <= 0)
            {
                throw new ArgumentException($"Option '{option}' needs a positive whole number, not '{value}'.");
            }

            if (!numbers.TryAdd(option, number))
            {
                throw new ArgumentException($"Option '{option}' is given twice.");
            }
        }

        return new BenchmarkSettings(
            Get("--seconds"), Get("--warmup"), Get("--callers"), Get("--grains"), Get("--pending"), Get("--reminders"), mode)
        {
            Sensors = Get("--sensors"),
            Batch = Get("--batch"),
            ExcursionsPerMillion = Get("--excursions-per-million"),
            Phases = phases,
        };

        int? Get(string option) => numbers.TryGetValue(option, out var v) ? v : null;
    }
}
