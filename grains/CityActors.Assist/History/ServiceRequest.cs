using CityActors.Assist.Models;

namespace CityActors.Assist.History;

/// <summary>One 311 request of a city's history, in the fields the assistant learns from (whatever the source schema).</summary>
/// <param name="Id">The city's request id.</param>
/// <param name="Opened">When it was opened.</param>
/// <param name="Target">The city's own deadline for it, when the schema has one.</param>
/// <param name="Closed">When it was closed; null while open.</param>
/// <param name="Title">What the caller or resident said (the free text the classifier reads).</param>
/// <param name="Type">The request type the city filed it under (the label a package maps to a matter).</param>
/// <param name="Queue">The work queue it was dispatched to (the department when the schema has no queue).</param>
/// <param name="Department">The responsible department or agency.</param>
/// <param name="Channel">Where it came from (phone, app, employee, …).</param>
/// <param name="Area">The smallest named area the schema gives (a neighbourhood, a community board).</param>
/// <param name="Latitude">WGS84 latitude, when located.</param>
/// <param name="Longitude">WGS84 longitude, when located.</param>
/// <param name="Closure">The closure text: what was done.</param>
public sealed record ServiceRequest(
    string Id,
    DateTime Opened,
    DateTime? Target,
    DateTime? Closed,
    string Title,
    string Type,
    string Queue,
    string Department,
    string Channel,
    string Area,
    double? Latitude,
    double? Longitude,
    string Closure)
{
    /// <summary>The city closed it as a duplicate of another request (its closure text says so).</summary>
    public bool ClosedAsDuplicate => Closure.Contains("duplicate", StringComparison.OrdinalIgnoreCase);

    public AssistQuery ToQuery() => new(Title, Channel, Area, Latitude, Longitude, Opened);

    public bool IsLocated => Latitude is not null && Longitude is not null;

    /// <summary>Hours from opening to closure; null while open or when the record closes before it opens.</summary>
    public double? ResolutionHours => Closed is { } closed && closed >= Opened ? (closed - Opened).TotalHours : null;

    /// <summary>The title says something beyond the type's own name (the rows where classification is not a lookup).</summary>
    public bool TitleDiffersFromType => !string.Equals(Title.Trim(), Type.Trim(), StringComparison.OrdinalIgnoreCase);
}
