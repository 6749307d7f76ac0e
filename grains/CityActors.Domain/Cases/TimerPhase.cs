namespace CityActors.Domain.Cases;

/// <summary>How far a clock has run: before its warning point, past it (黄灯), or past its deadline (红灯).</summary>
public enum TimerPhase
{
    Running,

    /// <summary>黄灯: past the warning point.</summary>
    Warned,

    /// <summary>红灯: past the deadline.</summary>
    Overdue,
}
