namespace CityActors.Domain.Calendar;

/// <summary>A span of local wall-clock time within one day, as offsets from midnight (End may be 24:00).</summary>
public readonly record struct DailyInterval(TimeSpan Start, TimeSpan End)
{
    public TimeSpan Length => End - Start;

    public static DailyInterval Parse(string start, string end) =>
        new(ParseTimeOfDay(start), ParseTimeOfDay(end));

    public override string ToString() => $"{Format(Start)}–{Format(End)}";

    private static TimeSpan ParseTimeOfDay(string text)
    {
        var parts = text.Split(':');
        if (parts.Length != 2 || parts[0].Length != 2 || parts[1].Length != 2
            || !int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var minutes)
            || hours is < 0 or > 24 || minutes is < 0 or > 59 || (hours == 24 && minutes != 0))
        {
            throw new FormatException($"'{text}' is not a time of day in HH:mm form (00:00 to 24:00).");
        }

        return new TimeSpan(hours, minutes, 0);
    }

    private static string Format(TimeSpan time) => $"{(int)time.TotalHours:D2}:{time.Minutes:D2}";
}
