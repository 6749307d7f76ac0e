using System.Globalization;
using CityActors.Domain.Calendar;

namespace CityActors.Domain.Tests.Calendar;

/// <summary>Test calendars. Shanghai: 09:00–12:00 and 13:30–17:30 (7 h), Mon–Fri, a National Day week
/// 2026-10-01..07 and make-up working days Sunday 2026-09-27 and Saturday 2026-10-10.</summary>
internal static class Calendars
{
    public static readonly TimeZoneInfo ShanghaiZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    public static readonly TimeZoneInfo NewYorkZone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    public static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    public static WorkingCalendar Shanghai() => new(
        "shanghai",
        ShanghaiZone,
        [DailyInterval.Parse("09:00", "12:00"), DailyInterval.Parse("13:30", "17:30")],
        Weekdays,
        Enumerable.Range(1, 7).Select(d => new DateOnly(2026, 10, d)),
        [new DateOnly(2026, 9, 27), new DateOnly(2026, 10, 10)]);

    public static WorkingCalendar NewYork(params DailyInterval[] hours) => new(
        "nyc",
        NewYorkZone,
        hours.Length == 0 ? [DailyInterval.Parse("09:00", "17:00")] : hours,
        hours.Length == 0 ? Weekdays : Enum.GetValues<DayOfWeek>());

    /// <summary>"2026-09-21 09:30" in Shanghai local time.</summary>
    public static DateTimeOffset Sh(string local) => At(local, ShanghaiZone);

    public static DateTimeOffset Ny(string local) => At(local, NewYorkZone);

    private static DateTimeOffset At(string local, TimeZoneInfo zone)
    {
        var time = DateTime.ParseExact(local, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return new DateTimeOffset(time, zone.GetUtcOffset(time));
    }
}
