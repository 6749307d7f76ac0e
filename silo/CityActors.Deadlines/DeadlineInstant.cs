namespace CityActors.Deadlines;

/// <summary>
/// The precision deadlines are kept at. PostgreSQL stores microseconds, and a fired deadline is deleted only if its
/// stored due instant still equals the one that fired, so every due instant is cut to microseconds (in UTC) before it
/// is written anywhere: what is stored is then exactly what is scheduled and compared.
/// </summary>
public static class DeadlineInstant
{
    public static DateTimeOffset Normalize(DateTimeOffset instant)
    {
        var utc = instant.UtcTicks;
        return new DateTimeOffset(utc - (utc % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
    }
}
