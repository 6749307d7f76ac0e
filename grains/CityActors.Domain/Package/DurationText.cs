using System.Globalization;

namespace CityActors.Domain.Package;

/// <summary>Reads plain durations written as "&lt;number&gt;&lt;s|m|h&gt;", e.g. "30s", "5m", "1.5h" (sensor intervals and debounce).</summary>
public static class DurationText
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (text is not { Length: >= 2 })
        {
            return false;
        }

        if (!double.TryParse(text[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || !double.IsFinite(amount))
        {
            return false;
        }

        TimeSpan? parsed = text[^1] switch
        {
            's' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMinutes(amount),
            'h' => TimeSpan.FromHours(amount),
            _ => null,
        };
        if (parsed is null)
        {
            return false;
        }

        duration = parsed.Value;
        return true;
    }

    /// <summary>The shortest text <see cref="TryParse"/> reads back as <paramref name="duration"/>: whole hours, minutes or seconds.</summary>
    public static string Format(TimeSpan duration) =>
        duration.Ticks % TimeSpan.TicksPerHour == 0 && duration > TimeSpan.Zero ? $"{(long)duration.TotalHours}h"
        : duration.Ticks % TimeSpan.TicksPerMinute == 0 && duration > TimeSpan.Zero ? $"{(long)duration.TotalMinutes}m"
        : string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds}s");
}
