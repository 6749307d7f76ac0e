using CityActors.Domain.Calendar;
using static CityActors.Domain.Tests.Calendar.Calendars;

namespace CityActors.Domain.Tests.Calendar;

public sealed class WorkingCalendarTests
{
    [Theory]
    [InlineData("2026-09-21 09:30", 60, "2026-09-21 10:30")] // inside the morning
    [InlineData("2026-09-21 11:30", 60, "2026-09-21 14:00")] // across lunch
    [InlineData("2026-09-21 11:00", 60, "2026-09-21 12:00")] // ends exactly at the end of an interval
    [InlineData("2026-09-21 12:15", 30, "2026-09-21 14:00")] // starts during lunch
    [InlineData("2026-09-21 17:00", 60, "2026-09-22 09:30")] // across the night
    [InlineData("2026-09-21 20:00", 30, "2026-09-22 09:30")] // starts at night
    [InlineData("2026-09-18 17:00", 60, "2026-09-21 09:30")] // Friday to Monday over a weekend
    [InlineData("2026-09-25 17:00", 60, "2026-09-27 09:30")] // Friday to a make-up Sunday
    [InlineData("2026-09-30 17:00", 60, "2026-10-08 09:30")] // over the National Day holiday week
    [InlineData("2026-10-09 17:00", 60, "2026-10-10 09:30")] // Friday to a make-up Saturday
    [InlineData("2026-09-21 09:00", 21 * 60, "2026-09-23 17:30")] // exactly three working days
    [InlineData("2026-10-03 10:00", 10, "2026-10-08 09:10")] // urgent 10-minute limit raised on a holiday
    public void Working_time_is_added_across_lunch_nights_weekends_holidays_and_make_up_days(string start, int minutes, string expected) =>
        Shanghai().AddWorkingTime(Sh(start), TimeSpan.FromMinutes(minutes)).ShouldBe(Sh(expected));

    [Fact]
    public void Zero_duration_is_due_at_once_even_outside_working_hours() =>
        Shanghai().AddWorkingTime(Sh("2026-09-19 23:00"), TimeSpan.Zero).ShouldBe(Sh("2026-09-19 23:00"));

    [Fact]
    public void Natural_time_counts_every_hour()
    {
        var calendar = Shanghai();

        calendar.Deadline(Sh("2026-10-03 20:00"), TimeLimit.NaturalMinutes(30)).ShouldBe(Sh("2026-10-03 20:30"));
        calendar.Deadline(Sh("2026-10-03 20:00"), TimeLimit.WorkingMinutes(30)).ShouldBe(Sh("2026-10-08 09:30"));
    }

    [Theory]
    [InlineData("2026-09-21 09:00", "2026-09-22 09:00", 7 * 60)]
    [InlineData("2026-09-21 11:00", "2026-09-21 14:00", 90)]
    [InlineData("2026-09-30 17:00", "2026-10-08 09:30", 60)]
    [InlineData("2026-10-01 00:00", "2026-10-08 00:00", 0)]
    [InlineData("2026-09-22 09:00", "2026-09-21 09:00", -7 * 60)]
    public void Working_time_between_two_instants(string from, string to, int minutes) =>
        Shanghai().WorkingTimeBetween(Sh(from), Sh(to)).ShouldBe(TimeSpan.FromMinutes(minutes));

    [Fact]
    public void Progress_reports_remaining_time_and_fraction_elapsed()
    {
        var calendar = Shanghai();
        var start = Sh("2026-09-21 09:00");
        var limit = TimeLimit.WorkingHours(7);

        var midway = calendar.Progress(start, limit, Sh("2026-09-21 12:00"));
        midway.Deadline.ShouldBe(Sh("2026-09-21 17:30"));
        midway.Elapsed.ShouldBe(TimeSpan.FromHours(3));
        midway.Remaining.ShouldBe(TimeSpan.FromHours(4));
        midway.FractionElapsed.ShouldBe(3.0 / 7, 1e-9);
        midway.IsOverdue.ShouldBeFalse();

        // Over lunch nothing moves.
        calendar.Progress(start, limit, Sh("2026-09-21 13:00")).Elapsed.ShouldBe(TimeSpan.FromHours(3));

        var atDeadline = calendar.Progress(start, limit, Sh("2026-09-21 17:30"));
        atDeadline.IsOverdue.ShouldBeTrue();
        atDeadline.FractionElapsed.ShouldBe(1.0);

        var overdue = calendar.Progress(start, limit, Sh("2026-09-22 10:00"));
        overdue.Remaining.ShouldBe(TimeSpan.FromMinutes(-60));
        overdue.FractionElapsed.ShouldBe(8.0 / 7, 1e-9);
    }

    [Fact]
    public void The_warning_point_is_a_fraction_of_the_limit_in_working_time()
    {
        // 80 % of a 10-minute accept-and-dispatch limit started five minutes before lunch: 8 minutes, 3 after lunch.
        Shanghai().PointOf(Sh("2026-09-21 11:55"), TimeLimit.WorkingMinutes(10), 0.8).ShouldBe(Sh("2026-09-21 13:33"));
    }

    [Fact]
    public void Adding_then_measuring_working_time_agrees_for_random_starts_and_durations()
    {
        var calendar = Shanghai();
        var random = new Random(20261121);
        var origin = Sh("2026-09-01 00:00");
        for (var i = 0; i < 2000; i++)
        {
            var start = origin + TimeSpan.FromMinutes(random.Next(0, 90 * 24 * 60));
            var shorter = TimeSpan.FromMinutes(random.Next(0, 40 * 60));
            var longer = shorter + TimeSpan.FromMinutes(random.Next(0, 600));

            var due = calendar.AddWorkingTime(start, shorter);

            calendar.WorkingTimeBetween(start, due).ShouldBe(shorter, $"start {start:O}, duration {shorter}");
            calendar.AddWorkingTime(start, longer).ShouldBeGreaterThanOrEqualTo(due);
            if (shorter > TimeSpan.Zero)
            {
                calendar.IsWorkingTime(due - TimeSpan.FromTicks(1)).ShouldBeTrue($"start {start:O}, duration {shorter}");
            }
        }
    }

    [Fact]
    public void Working_time_follows_the_wall_clock_across_daylight_saving_changes()
    {
        var calendar = NewYork();

        // Friday before the spring-forward weekend (EST, UTC-5) to Monday after it (EDT, UTC-4).
        var due = calendar.AddWorkingTime(Ny("2026-03-06 16:00"), TimeSpan.FromHours(2));

        due.ShouldBe(Ny("2026-03-09 10:00"));
        due.UtcDateTime.ShouldBe(new DateTime(2026, 3, 9, 14, 0, 0, DateTimeKind.Utc));
        calendar.Deadline(Ny("2026-03-07 12:00"), TimeLimit.NaturalHours(24)).UtcDateTime
            .ShouldBe(new DateTime(2026, 3, 8, 17, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void Round_the_clock_days_are_23_and_25_hours_long_on_transition_days()
    {
        var calendar = NewYork(DailyInterval.Parse("00:00", "24:00"));

        calendar.WorkingTimeBetween(Ny("2026-03-08 00:00"), Ny("2026-03-09 00:00")).ShouldBe(TimeSpan.FromHours(23));
        calendar.WorkingTimeBetween(Ny("2026-11-01 00:00"), Ny("2026-11-02 00:00")).ShouldBe(TimeSpan.FromHours(25));
        calendar.WorkingTimeBetween(Ny("2026-06-01 00:00"), Ny("2026-06-02 00:00")).ShouldBe(TimeSpan.FromHours(24));
    }

    [Fact]
    public void Skipped_and_repeated_wall_clock_hours_are_resolved()
    {
        // 02:30–03:30 on the spring-forward night: 02:30 does not exist, so the shift starts at 03:00.
        var spring = NewYork(DailyInterval.Parse("02:30", "03:30"));
        spring.WorkingTimeBetween(Ny("2026-03-08 00:00"), Ny("2026-03-09 00:00")).ShouldBe(TimeSpan.FromMinutes(30));

        // 01:00–02:00 on the fall-back night: 01:00 happens twice; the shift starts at the first one.
        var fall = NewYork(DailyInterval.Parse("01:00", "02:00"));
        fall.WorkingTimeBetween(Ny("2026-11-01 00:00"), Ny("2026-11-02 00:00")).ShouldBe(TimeSpan.FromHours(2));
    }

    [Fact]
    public void An_inconsistent_definition_lists_every_problem()
    {
        var error = Should.Throw<CalendarDefinitionException>(() => new WorkingCalendar(
            "broken",
            ShanghaiZone,
            [DailyInterval.Parse("09:00", "12:00"), DailyInterval.Parse("11:00", "13:00"), DailyInterval.Parse("18:00", "17:00")],
            Weekdays,
            [new DateOnly(2026, 10, 1)],
            [new DateOnly(2026, 10, 1), new DateOnly(2026, 9, 28)]));

        error.Errors.ShouldBe(
        [
            "working interval 11:00–13:00 overlaps or precedes 09:00–12:00; list intervals in order without overlap",
            "working interval 18:00–17:00 must start before it ends, within 00:00–24:00",
            "2026-10-01 is both a holiday and a make-up working day",
            "make-up working day 2026-09-28 is a Monday, already a working day",
        ]);
        error.Message.ShouldStartWith("Calendar 'broken' is invalid: working interval 11:00–13:00");
    }

    [Theory]
    [InlineData("9:00")]
    [InlineData("24:30")]
    [InlineData("noon")]
    public void Times_of_day_must_be_hh_mm(string text) =>
        Should.Throw<FormatException>(() => DailyInterval.Parse(text, "12:00")).Message.ShouldContain(text);

    [Fact]
    public void A_calendar_without_working_time_cannot_meet_a_limit()
    {
        var never = new WorkingCalendar("never", ShanghaiZone, [DailyInterval.Parse("09:00", "17:00")], [], makeUpWorkdays: [new DateOnly(2026, 1, 3)]);

        Should.Throw<InvalidOperationException>(() => never.AddWorkingTime(Sh("2026-02-01 09:00"), TimeSpan.FromHours(1)))
            .Message.ShouldContain("has no 01:00:00 of working time");
    }
}
