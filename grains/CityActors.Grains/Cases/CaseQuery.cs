using CityActors.Domain.Cases;

namespace CityActors.Grains.Cases;

/// <summary>A WGS84 box (west, south, east, north).</summary>
public sealed record BoundingBox(double MinLongitude, double MinLatitude, double MaxLongitude, double MaxLatitude)
{
    public bool Contains(double? longitude, double? latitude) =>
        longitude is { } x && latitude is { } y && x >= MinLongitude && x <= MaxLongitude && y >= MinLatitude && y <= MaxLatitude;
}

/// <summary>
/// A list query over the read model; every filter is optional and they combine with AND. Results are newest report
/// first; <see cref="After"/> continues from a previous page's <see cref="CasePage.Next"/>.
/// </summary>
/// <param name="OrgUnit">A district, street, community or grid code (the city's code means everywhere).</param>
/// <param name="Department">Cases ever dispatched to this department.</param>
/// <param name="Statuses">Any of these statuses.</param>
/// <param name="MatterCode">One catalogue matter.</param>
/// <param name="Overdue">Whether a stage clock is red now.</param>
/// <param name="ReportedFrom">Reported at or after.</param>
/// <param name="ReportedTo">Reported before.</param>
/// <param name="Box">Located inside (cases reported by address have no point and never match).</param>
/// <param name="Limit">Page size, 1–1000.</param>
/// <param name="After">The previous page's cursor.</param>
public sealed record CaseQuery(
    string? OrgUnit = null,
    string? Department = null,
    IReadOnlyList<CaseStatus>? Statuses = null,
    string? MatterCode = null,
    bool? Overdue = null,
    DateTimeOffset? ReportedFrom = null,
    DateTimeOffset? ReportedTo = null,
    BoundingBox? Box = null,
    int Limit = 100,
    string? After = null)
{
    public const int MaxLimit = 1000;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad filter.</summary>
    public void Validate()
    {
        if (Limit is < 1 or > MaxLimit)
        {
            throw new ArgumentException($"Limit must be 1–{MaxLimit}; it is {Limit}.");
        }

        if (ReportedFrom is { } from && ReportedTo is { } to && to < from)
        {
            throw new ArgumentException($"ReportedTo ({to:O}) is before ReportedFrom ({from:O}).");
        }

        if (Box is { } box && (box.MinLongitude > box.MaxLongitude || box.MinLatitude > box.MaxLatitude))
        {
            throw new ArgumentException("The bounding box's west/south corner must not lie east or north of its east/north corner.");
        }

        if (After is not null && !CaseCursor.TryParse(After, out _))
        {
            throw new ArgumentException($"'{After}' is not a cursor from a previous page.");
        }
    }

    public bool Matches(CaseView view) =>
        (OrgUnit is null || KpiScope.Within(view.Place, OrgUnit))
        && (Department is null || view.DispatchedTo.Contains(Department))
        && (Statuses is null || Statuses.Count == 0 || Statuses.Contains(view.Status))
        && (MatterCode is null || view.MatterCode == MatterCode)
        && (Overdue is null || view.Overdue == Overdue)
        && (ReportedFrom is null || view.ReportedAt >= ReportedFrom)
        && (ReportedTo is null || view.ReportedAt < ReportedTo)
        && (Box is null || Box.Contains(view.Place.Longitude, view.Place.Latitude));
}

/// <summary>One page of a list, and the cursor of the next page (null on the last).</summary>
public sealed record CasePage(IReadOnlyList<CaseView> Cases, string? Next);

/// <summary>Position in the newest-first order: report time (UTC ticks) then case id.</summary>
public readonly record struct CaseCursor(long ReportedTicks, string CaseId)
{
    public static CaseCursor Of(CaseView view) => new(view.ReportedAt.UtcTicks, view.Id);

    /// <summary>Whether <paramref name="view"/> comes after this cursor in newest-first order.</summary>
    public bool Precedes(CaseView view) =>
        view.ReportedAt.UtcTicks < ReportedTicks || (view.ReportedAt.UtcTicks == ReportedTicks && string.CompareOrdinal(view.Id, CaseId) > 0);

    public override string ToString() => $"{ReportedTicks}~{CaseId}";

    public static bool TryParse(string text, out CaseCursor cursor)
    {
        cursor = default;
        var split = text.IndexOf('~', StringComparison.Ordinal);
        if (split <= 0 || !long.TryParse(text.AsSpan(0, split), out var ticks) || split == text.Length - 1)
        {
            return false;
        }

        cursor = new CaseCursor(ticks, text[(split + 1)..]);
        return true;
    }
}
