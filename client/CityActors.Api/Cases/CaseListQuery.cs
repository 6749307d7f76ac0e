using System.Globalization;
using CityActors.Domain.Cases;
using CityActors.Domain.Matters;

namespace CityActors.Api.Cases;

/// <summary>
/// Reads a list request's query string into a <see cref="CaseQuery"/>: <c>orgUnit</c>, <c>department</c>,
/// <c>status</c> (comma-separated), <c>matter</c>, <c>urgency</c>, <c>warned</c>, <c>overdue</c>, <c>escalated</c>,
/// <c>supervised</c>, <c>from</c> / <c>to</c> (ISO 8601), <c>bbox</c> (west,south,east,north), <c>limit</c> (1–1000),
/// <c>after</c> (the previous page's cursor). Every bad value is reported by name.
/// </summary>
public static class CaseListQuery
{
    /// <exception cref="ArgumentException">A value cannot be read; the message names the parameter.</exception>
    public static CaseQuery Read(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new CaseQuery(
            OrgUnit: Text(query, "orgUnit"),
            Department: Text(query, "department"),
            Statuses: Text(query, "status")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(s => Enum<CaseStatus>("status", s)).ToList(),
            MatterCode: Text(query, "matter"),
            Urgency: Text(query, "urgency") is { } urgency ? Enum<Urgency>("urgency", urgency) : null,
            Warned: Flag(query, "warned"),
            Overdue: Flag(query, "overdue"),
            Escalated: Flag(query, "escalated"),
            Supervised: Flag(query, "supervised"),
            ReportedFrom: Instant(query, "from"),
            ReportedTo: Instant(query, "to"),
            Box: Text(query, "bbox") is { } box ? Box(box) : null,
            Limit: Text(query, "limit") is { } limit
                ? int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new ArgumentException($"limit must be a whole number 1–{CaseQuery.MaxLimit}; it is '{limit}'.")
                : 100,
            After: Text(query, "after"));
    }

    private static string? Text(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrWhiteSpace(values[^1]) ? values[^1]!.Trim() : null;

    private static bool? Flag(IQueryCollection query, string name) => Text(query, name) switch
    {
        null => null,
        "true" => true,
        "false" => false,
        var other => throw new ArgumentException($"{name} must be true or false; it is '{other}'."),
    };

    private static DateTimeOffset? Instant(IQueryCollection query, string name) => Text(query, name) is not { } text
        ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw new ArgumentException($"{name} must be an ISO 8601 instant such as 2026-11-30T08:00:00+08:00; it is '{text}'.");

    private static T Enum<T>(string name, string text)
        where T : struct, Enum =>
        System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value) && !int.TryParse(text, out _)
            ? value
            : throw new ArgumentException($"{name} '{text}' is not one of: {string.Join(", ", System.Enum.GetNames<T>().Select(JsonName))}.");

    private static BoundingBox Box(string text)
    {
        var parts = text.Split(',');
        var numbers = parts.Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : double.NaN).ToArray();
        if (numbers.Length != 4 || numbers.Any(double.IsNaN))
        {
            throw new ArgumentException($"bbox must be four numbers west,south,east,north; it is '{text}'.");
        }

        if (numbers[0] is < -180 or > 180 || numbers[2] is < -180 or > 180 || numbers[1] is < -90 or > 90 || numbers[3] is < -90 or > 90)
        {
            throw new ArgumentException($"bbox '{text}' is outside longitude −180…180 / latitude −90…90.");
        }

        return new BoundingBox(numbers[0], numbers[1], numbers[2], numbers[3]);
    }

    private static string JsonName(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
