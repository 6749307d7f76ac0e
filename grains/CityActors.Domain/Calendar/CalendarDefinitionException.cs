namespace CityActors.Domain.Calendar;

/// <summary>A calendar definition was rejected; <see cref="Errors"/> lists every problem.</summary>
public sealed class CalendarDefinitionException(string calendarId, IReadOnlyList<string> errors)
    : Exception($"Calendar '{calendarId}' is invalid: {string.Join("; ", errors)}.")
{
    public string CalendarId { get; } = calendarId;

    public IReadOnlyList<string> Errors { get; } = errors;
}
