namespace CityActors.Assist.Models;

/// <summary>A report as intake sees it, before anyone has classified or dispatched it.</summary>
/// <param name="Title">What the reporter said.</param>
/// <param name="Channel">The channel in the history's vocabulary.</param>
/// <param name="Area">The named area in the history's vocabulary (neighbourhood, community board, street unit).</param>
/// <param name="Latitude">WGS84 latitude, when located.</param>
/// <param name="Longitude">WGS84 longitude, when located.</param>
/// <param name="Opened">When it was reported.</param>
public sealed record AssistQuery(string Title, string Channel, string Area, double? Latitude, double? Longitude, DateTime Opened);

/// <summary>Where a case of a known matter should go.</summary>
/// <param name="Queue">The most probable queue.</param>
/// <param name="Department">That queue's department.</param>
/// <param name="Confidence">The model's probability for the queue.</param>
/// <param name="CatalogueQueue">The queue the one-owner-per-matter table names; null for a type it does not know.</param>
/// <param name="Automatic">Whether the confidence clears the model's gate (dispatch without a person).</param>
/// <param name="Alternatives">The three most probable queues.</param>
public sealed record DispatchSuggestion(string Queue, string Department, double Confidence, string? CatalogueQueue, bool Automatic, IReadOnlyList<Ranked> Alternatives);
