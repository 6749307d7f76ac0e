using CityActors.Domain.Calendar;

namespace CityActors.Domain.Cases;

/// <summary>
/// The city's case-handling rules that are policy rather than catalogue data: warning point, escalation limits, how many
/// returns a case may take, duplicate detection, the reopen window and which channels verify themselves.
/// </summary>
public sealed record CaseRules
{
    public static readonly CaseRules Default = new();

    /// <summary>Fraction of a limit at which the 黄灯 warning fires (0 &lt; f &lt; 1).</summary>
    public double WarnFraction { get; init; } = 0.8;

    /// <summary>Time the district centre gets after a stage turns overdue (红灯), before it escalates to the city centre.</summary>
    public TimeLimit DistrictEscalationLimit { get; init; } = TimeLimit.WorkingHours(4);

    /// <summary>Time the city centre gets once a case escalates to it; overdue there stays visible as overdue.</summary>
    public TimeLimit CityEscalationLimit { get; init; } = TimeLimit.WorkingHours(8);

    /// <summary>Default limit of a supervision order (督办) that names none.</summary>
    public TimeLimit SupervisionLimit { get; init; } = TimeLimit.WorkingHours(8);

    /// <summary>From this many returns (退单) on, re-dispatch is escalated to the district centre.</summary>
    public int ReturnsBeforeEscalation { get; init; } = 2;

    /// <summary>A new case of the same matter this close to an open case …</summary>
    public double DuplicateRadiusMeters { get; init; } = 50;

    /// <summary>… reported this recently is flagged as a probable duplicate.</summary>
    public TimeSpan DuplicateWindow { get; init; } = TimeSpan.FromHours(24);

    /// <summary>How long after closure a case may be reopened.</summary>
    public TimeSpan ReopenWindow { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Channels whose reports count as verified on intake (unless flagged as probable duplicates).</summary>
    public IReadOnlySet<Channel> AutoVerifiedChannels { get; init; } = new HashSet<Channel> { Channel.GridInspector, Channel.Sensor, Channel.VideoAi };

    /// <summary>Lists every problem with the rules; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (WarnFraction is <= 0 or >= 1 || double.IsNaN(WarnFraction))
        {
            errors.Add($"WarnFraction must be between 0 and 1 (exclusive); it is {WarnFraction}.");
        }

        foreach (var (name, limit) in new[] { ("DistrictEscalationLimit", DistrictEscalationLimit), ("CityEscalationLimit", CityEscalationLimit), ("SupervisionLimit", SupervisionLimit) })
        {
            if (limit.Duration <= TimeSpan.Zero)
            {
                errors.Add($"{name} must be positive; it is {limit}.");
            }
        }

        if (ReturnsBeforeEscalation < 1)
        {
            errors.Add($"ReturnsBeforeEscalation must be at least 1; it is {ReturnsBeforeEscalation}.");
        }

        if (DuplicateRadiusMeters is < 0 or > 5_000 || double.IsNaN(DuplicateRadiusMeters))
        {
            errors.Add($"DuplicateRadiusMeters must be between 0 and 5000; it is {DuplicateRadiusMeters}.");
        }

        if (DuplicateWindow < TimeSpan.Zero || ReopenWindow < TimeSpan.Zero)
        {
            errors.Add("DuplicateWindow and ReopenWindow must not be negative.");
        }

        return errors;
    }
}
