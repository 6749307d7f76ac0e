namespace CityActors.Domain.Calendar;

/// <summary>How a time limit is counted.</summary>
public enum TimeMode
{
    /// <summary>Only working hours on working days count (the usual mode for 12345 and 城运 SLAs).</summary>
    Working,

    /// <summary>Every hour counts, nights, weekends and holidays included.</summary>
    Natural,
}
